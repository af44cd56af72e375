package org.sotto.launcher;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.sotto.core.config.HostPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sotto health HOST:PORT}: asks a node's plaintext health listener (its {@code health}
 * address) whether it is serving, for container health checks and scripts that have no gRPC
 * health probe of their own.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
    description = {"Check a node's plaintext gRPC health listener (the 'health' address in its "
        + "config).", "Exit status: 0 SERVING, 1 anything else or unreachable, 2 not a HOST:PORT."})
public final class HealthCommand implements Callable<Integer> {
  @Parameters(paramLabel = "HOST:PORT", description = "the node's health address")
  HostPort address;

  @Option(names = "--timeout-ms", defaultValue = "5000", description = "give up after (default: ${DEFAULT-VALUE})")
  long timeoutMs;

  @Override
  public Integer call() throws InterruptedException {
    HostPort target = address;
    ManagedChannel channel = NettyChannelBuilder.forAddress(target.host(), target.port())
        .usePlaintext().build();
    try {
      ServingStatus status = HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus();
      System.out.println(target + ": " + status);
      return status == ServingStatus.SERVING ? 0 : 1;
    } catch (StatusRuntimeException e) {
      System.out.println(target + ": unreachable (" + e.getStatus().getCode() + ")");
      return 1;
    } finally {
      channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }
  }
}
