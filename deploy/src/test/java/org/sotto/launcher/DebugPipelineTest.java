package org.sotto.launcher;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.RoundTraffic;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.launcher.cluster.LocalCluster;

class DebugPipelineTest {
  @Test
  void debug(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, 1000, 1, 5, 1)) {
      ScheduledExecutorService s = Executors.newScheduledThreadPool(2);
      ManagedChannel ch = Channels.open(cluster.descriptor().coordinator(),
          TlsContexts.pinned(cluster.descriptor().caCertificate()));
      List<RoundParticipant> ps = new ArrayList<>();
      for (int who = 0; who < 2; who++) {
        final int w = who;
        RoundTraffic t = new RoundTraffic() {
          public List<byte[]> requestsFor(long round, int slots) {
            byte[] r = new byte[384];
            r[0] = (byte) round; r[1] = 7;
            r[20] = (byte) (w + 1);
            System.out.println("P" + w + " send " + round);
            return List.of(r);
          }
          public void answered(long round, int slot, byte[] answer) {
            System.out.println("P" + w + " answered " + round + " first=" + answer[4] + " len=" + answer.length);
          }
          public void lost(long round, int slot, String why) {
            System.out.println("P" + w + " lost " + round + " " + why);
          }
        };
        RoundParticipant p = new RoundParticipant(cluster.descriptor(), ch, X25519Engines.best(), t,
            new ParticipantListener() {
              public void roundRefused(long round, String reason) { System.out.println("refused " + reason); }
              public void submissionRejected(long round, String reason) { System.out.println("rejected " + reason); }
            }, s);
        p.start();
        ps.add(p);
      }
      Thread.sleep(6000);
      ps.forEach(RoundParticipant::close);
    }
  }
}
