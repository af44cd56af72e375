package org.sotto.client.account;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.sotto.client.identity.Identity;
import org.sotto.core.account.IdentityBinding;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.proto.DirectoryGrpc;
import org.sotto.proto.DirectoryRecord;
import org.sotto.proto.IdentityKeys;
import org.sotto.proto.SyncDirectoryRequest;
import org.sotto.proto.SyncDirectoryResponse;

/**
 * A directory over real (in-process) gRPC whose records the test writes, so a test can play a
 * directory that lies: a record with swapped keys, a name listed twice, sequences out of order.
 * It answers SyncDirectory as the coordinator does (records after the requested sequence, a page
 * at a time) and counts the calls, so a test also sees that nothing else asks it.
 */
public final class ScriptedDirectory extends DirectoryGrpc.DirectoryImplBase
    implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the directory will serve, in order; tests append or tamper. */
  public final List<DirectoryRecord> records = new CopyOnWriteArrayList<>();
  /** The dialing keys it will serve, in order (sequence = position + 1). */
  public final List<org.sotto.proto.DialingKey> dialingKeys = new CopyOnWriteArrayList<>();
  /** The after_sequence of every SyncDirectory call, in order. */
  public final List<Long> syncCalls = new CopyOnWriteArrayList<>();
  public final AtomicInteger otherCalls = new AtomicInteger();
  private final int pageSize;
  private final Server server;
  private final ManagedChannel channel;

  public ScriptedDirectory(int pageSize) throws IOException {
    this.pageSize = pageSize;
    String name = InProcessServerBuilder.generateName();
    this.server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(io.grpc.ServerInterceptors.intercept(this, new io.grpc.ServerInterceptor() {
          @Override
          public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
              io.grpc.ServerCall<Q, R> call, io.grpc.Metadata headers,
              io.grpc.ServerCallHandler<Q, R> next) {
            String method = call.getMethodDescriptor().getFullMethodName();
            if (!method.endsWith("/SyncDirectory") && !method.endsWith("/SyncDialingKeys")) {
              otherCalls.incrementAndGet();
            }
            return next.startCall(call, headers);
          }
        })).build().start();
    this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  public DirectoryClient client() {
    return new DirectoryClient(channel, "the scripted directory");
  }

  /** A new user with fresh keys, listed next, as the coordinator would list them. */
  public Identity register(String username) {
    Identity user = Identity.generate(username, X25519Engines.best(), RANDOM);
    records.add(record(records.size() + 1, username, user.signing().publicKey(),
        user.dh().publicKey(), IdentityBinding.sign(user.signing().privateKey(), username,
            user.signing().publicKey(), user.dh().publicKey())));
    return user;
  }

  public static DirectoryRecord record(long sequence, String username, byte[] signing, byte[] dh,
      byte[] signature) {
    return DirectoryRecord.newBuilder().setSequence(sequence).setUsername(username)
        .setIdentityKeys(IdentityKeys.newBuilder().setSigningPublicKey(ByteString.copyFrom(signing))
            .setX25519PublicKey(ByteString.copyFrom(dh)))
        .setIdentitySignature(ByteString.copyFrom(signature)).build();
  }

  @Override
  public void syncDirectory(SyncDirectoryRequest request,
      StreamObserver<SyncDirectoryResponse> response) {
    syncCalls.add(request.getAfterSequence());
    List<DirectoryRecord> after = records.stream()
        .filter(r -> r.getSequence() > request.getAfterSequence()).toList();
    response.onNext(SyncDirectoryResponse.newBuilder()
        .addAllRecords(after.subList(0, Math.min(pageSize, after.size())))
        .setMore(after.size() > pageSize).build());
    response.onCompleted();
  }

  @Override
  public void syncDialingKeys(org.sotto.proto.SyncDialingKeysRequest request,
      StreamObserver<org.sotto.proto.SyncDialingKeysResponse> response) {
    org.sotto.proto.SyncDialingKeysResponse.Builder answer =
        org.sotto.proto.SyncDialingKeysResponse.newBuilder();
    for (int i = (int) request.getAfterSequence(); i < dialingKeys.size(); i++) {
      answer.addRecords(org.sotto.proto.DialingKeyRecord.newBuilder().setSequence(i + 1)
          .setKey(dialingKeys.get(i)));
    }
    response.onNext(answer.build());
    response.onCompleted();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }
}
