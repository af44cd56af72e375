package org.sotto.mixnode;

import java.nio.file.Path;
import org.sotto.core.server.ManagedGrpcServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sotto mixnode --config FILE}. */
@Command(name = "mixnode", mixinStandardHelpOptions = true,
    description = "Run a mix node: signed round keys, peel, noise, shuffle, reverse path.")
public final class MixNodeCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "the mix node's YAML config file")
  Path config;

  @Override
  public Integer call() throws Exception {
    MixNodeConfig loaded = MixNodeConfig.load(config);
    ManagedGrpcServer.requireFree("mix node", loaded.listen());
    MixNodeServer server = MixNodeServer.start(loaded).closeOnShutdown();
    server.awaitTermination();
    return 0;
  }
}
