package org.sotto.e2e.pipeline;

import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.sotto.client.round.CoverTraffic;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.RoundTraffic;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;

/** Clients with no conversation: they send cover traffic and count what comes back. */
final class CoverClient implements RoundTraffic, AutoCloseable {
  private final AtomicLong answers = new AtomicLong();
  private final AtomicLong nonEmpty = new AtomicLong();
  private final List<RoundParticipant> participants = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  static CoverClient start(ClusterDescriptor descriptor, int clients) {
    CoverClient c = new CoverClient();
    for (int i = 0; i < clients; i++) {
      ManagedChannel channel = Channels.open(descriptor.coordinator(),
          TlsContexts.pinned(descriptor.caCertificate()));
      c.channels.add(channel);
      RoundParticipant p = new RoundParticipant(descriptor, channel, X25519Engines.best(), c,
          new ParticipantListener() {}, c.scheduler);
      c.participants.add(p);
      p.start();
    }
    return c;
  }

  long answers() {
    return answers.get();
  }

  long nonEmptyAnswers() {
    return nonEmpty.get();
  }

  @Override
  public List<byte[]> requestsFor(long round, int slots) {
    List<byte[]> r = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      r.add(CoverTraffic.request());
    }
    return r;
  }

  @Override
  public void answered(long round, int slot, byte[] answer) {
    answers.incrementAndGet();
    if (!ConstantTime.isAllZero(answer, 0, answer.length)) {
      nonEmpty.incrementAndGet();
    }
  }

  @Override
  public void lost(long round, int slot, String why) {}

  @Override
  public void close() {
    participants.forEach(RoundParticipant::close);
    channels.forEach(Channels::close);
    scheduler.shutdownNow();
  }
}
