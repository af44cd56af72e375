package org.sotto.launcher.config;

import picocli.CommandLine.Command;

/** {@code sotto config …}: working with config files. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Work with node config files.", subcommands = {ConfigCheckCommand.class})
public final class ConfigCommand {}
