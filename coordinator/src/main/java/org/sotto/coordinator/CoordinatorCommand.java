package org.sotto.coordinator;

import java.nio.file.Path;
import org.sotto.core.server.ManagedGrpcServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sotto coordinator --config FILE}. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
    description = "Run the coordinator: open rounds, serve clients, drive the chain.")
public final class CoordinatorCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "the coordinator's YAML config file")
  Path config;

  @Override
  public Integer call() throws Exception {
    CoordinatorConfig loaded = CoordinatorConfig.load(config);
    ManagedGrpcServer.requireFree("coordinator", loaded.listen());
    CoordinatorServer server = CoordinatorServer.start(loaded)
        .closeOnShutdown();
    server.awaitTermination();
    return 0;
  }
}
