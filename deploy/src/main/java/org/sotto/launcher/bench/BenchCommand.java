package org.sotto.launcher.bench;

import picocli.CommandLine.Command;

/** {@code sotto bench …}: measurements that print a table next to a baseline from the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that print a table, each next to a baseline measured in the same run.",
    subcommands = {CryptoBenchCommand.class, RoundBenchCommand.class, PlotCommand.class})
public final class BenchCommand {}
