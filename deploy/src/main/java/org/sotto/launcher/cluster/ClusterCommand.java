package org.sotto.launcher.cluster;

import picocli.CommandLine.Command;

/** {@code sotto cluster …}: setting up a cluster. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Create and inspect clusters.", subcommands = {ClusterInitCommand.class})
public final class ClusterCommand {}
