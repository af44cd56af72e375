package org.sotto.deaddrop;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sotto deaddrop --config FILE}. */
@Command(name = "deaddrop", mixinStandardHelpOptions = true,
    description = "Run a dead-drop shard: pair exchange requests by dead-drop ID.")
public final class DeadDropCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "the shard's YAML config file")
  Path config;

  @Override
  public Integer call() throws Exception {
    DeadDropServer server = DeadDropServer.start(DeadDropConfig.load(config)).closeOnShutdown();
    server.awaitTermination();
    return 0;
  }
}
