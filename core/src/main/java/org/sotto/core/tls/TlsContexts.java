package org.sotto.core.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS 1.3 contexts for gRPC, built the documented grpc-java way ({@link GrpcSslContexts}).
 *
 * <ul>
 *   <li>servers facing clients: server certificate, no client certificate;
 *   <li>servers facing servers: mutual TLS, the peer must present a certificate from the cluster CA;
 *   <li>clients and servers dialing servers: trust only the pinned cluster CA.
 * </ul>
 */
public final class TlsContexts {
  private static final String TLS_1_3 = "TLSv1.3";

  private TlsContexts() {}

  /** A server context; with {@code mutual}, peers without a cluster certificate are refused. */
  public static SslContext server(TlsFiles files, boolean mutual) {
    try {
      SslContextBuilder b = GrpcSslContexts.configure(
          SslContextBuilder.forServer(files.certificate().toFile(), files.privateKey().toFile()))
          .protocols(TLS_1_3);
      if (mutual) {
        b.trustManager(files.caCertificate().toFile()).clientAuth(ClientAuth.REQUIRE);
      }
      return b.build();
    } catch (SSLException e) {
      throw new UncheckedIOException("cannot build the server TLS context from " + files, e);
    }
  }

  /** A client context that trusts only the CA certificate pinned in a descriptor (PEM text). */
  public static SslContext pinned(String caCertificatePem) {
    try {
      return GrpcSslContexts.forClient().protocols(TLS_1_3)
          .trustManager(new java.io.ByteArrayInputStream(
              caCertificatePem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the descriptor's CA certificate is unusable", e);
    }
  }

  /** A client context that trusts only {@code caCertificate}, optionally presenting a cert. */
  public static SslContext client(Path caCertificate, TlsFiles identityOrNull) {
    try {
      SslContextBuilder b = GrpcSslContexts.forClient().protocols(TLS_1_3)
          .trustManager(caCertificate.toFile());
      if (identityOrNull != null) {
        b.keyManager(identityOrNull.certificate().toFile(), identityOrNull.privateKey().toFile());
      }
      return b.build();
    } catch (SSLException e) {
      throw new UncheckedIOException(new IOException(
          "cannot build the client TLS context with CA " + caCertificate, e));
    }
  }
}
