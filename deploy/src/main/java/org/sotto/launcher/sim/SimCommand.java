package org.sotto.launcher.sim;

import org.sotto.simulations.attack.AttackCommand;
import org.sotto.simulations.privacy.PrivacyCommand;
import picocli.CommandLine.Command;

/** {@code sotto sim …}: the researchers' tools; each run writes a results folder. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Simulations for researchers: privacy accounting, traffic-analysis attacks, "
        + "load on a real cluster. Each run writes CSV, PNG plots and summary.md.",
    subcommands = {PrivacyCommand.class, AttackCommand.class, LoadCommand.class})
public final class SimCommand {}
