package org.sotto.coordinator;

import java.nio.file.Path;
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
    CoordinatorServer server = CoordinatorServer.start(CoordinatorConfig.load(config))
        .closeOnShutdown();
    server.awaitTermination();
    return 0;
  }
}
