package org.sotto.deaddrop;

import java.nio.file.Path;
import org.sotto.core.server.ManagedGrpcServer;
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
    DeadDropConfig loaded = DeadDropConfig.load(config);
    ManagedGrpcServer.requireFree("dead-drop shard", loaded.listen());
    DeadDropServer server = DeadDropServer.start(loaded).closeOnShutdown();
    server.awaitTermination();
    return 0;
  }
}
