package org.sotto.simulations.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.simulations.attack.AttackKind;
import org.sotto.simulations.attack.AttackRun;

/** A trace is replayed event by event; its contacts are whom users talk to; bad lines are named. */
class TraceReplayTest {

  @Test
  void replaysPresenceAndConversationsAndTakesContactsFromTheTalks(@TempDir Path dir)
      throws Exception {
    Path trace = dir.resolve("trace.csv");
    Files.writeString(trace, """
        round,event,user,peer
        0,online,3,
        0,online,7,
        2,talk,3,7
        # a comment
        4,offline,7,
        5,online,1,
        """);
    TraceReplay replay = TraceReplay.load(trace, 10, 0, new SplittableRandom(1));
    assertThat(replay.contacts().contactsOf(3)).containsExactly(7);
    assertThat(replay.contacts().contactsOf(7)).containsExactly(3);
    RoundActivity r0 = replay.next();
    assertThat(r0.online().stream().toArray()).containsExactly(3, 7);
    assertThat(r0.conversations()).isEmpty();
    replay.next();
    RoundActivity r2 = replay.next();
    assertThat(r2.conversations()).hasSize(1);
    replay.next();
    RoundActivity r4 = replay.next();
    assertThat(r4.online().stream().toArray()).containsExactly(3);
    assertThat(r4.conversations()).as("ends when a partner leaves").isEmpty();
    assertThat(replay.next().online().stream().toArray()).containsExactly(1, 3);
  }

  @Test
  void aBadLineIsNamedWithWhatToDo(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("bad.csv");
    Files.writeString(trace, "round,event,user,peer\n0,online,3,\n1,wave,3,\n");
    assertThatThrownBy(() -> TraceReplay.load(trace, 10, 0, new SplittableRandom(1)))
        .isInstanceOf(IOException.class).hasMessageContaining("line 3")
        .hasMessageContaining("events are online, offline, talk and hangup");
  }

  @Test
  void aScenarioReplaysATraceAndAPresenceAttackReadsIt(@TempDir Path dir) throws Exception {
    // Pairs (2i, 2i + 1) come online together, talk, and leave together; 40 users.
    StringBuilder csv = new StringBuilder("round,event,user,peer\n");
    SplittableRandom random = new SplittableRandom(3);
    for (long round = 0; round < 2000; round += 10) {
      int pair = random.nextInt(20);
      csv.append(round).append(",online,").append(2 * pair).append(",\n")
          .append(round).append(",online,").append(2 * pair + 1).append(",\n")
          .append(round).append(",talk,").append(2 * pair).append(',').append(2 * pair + 1)
          .append('\n')
          .append(round + 5).append(",offline,").append(2 * pair).append(",\n")
          .append(round + 5).append(",offline,").append(2 * pair + 1).append(",\n");
    }
    Files.writeString(dir.resolve("pairs.csv"), csv);
    Path scenario = dir.resolve("trace.yaml");
    Files.writeString(scenario, Files.readString(Path.of("scenarios", "small.yaml"))
        .replace("trace-file: \"\"", "trace-file: pairs.csv").replace("users: 100", "users: 40")
        .replace("rounds: 600", "rounds: 2000"));
    AttackRun.Results r = AttackRun.run(Scenario.load(scenario), x -> { });
    assertThat(r.chance()).isCloseTo(1.0 / 39, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.last(AttackKind.System.SOTTO, AttackKind.PRESENCE).metrics()
        .contactsIdentified()).isEqualTo(1.0);
  }
}
