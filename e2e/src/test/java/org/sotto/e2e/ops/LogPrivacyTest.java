package org.sotto.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * What is logged, at every level down to TRACE for Sotto and DEBUG for the libraries, during a
 * demo-like run with a mix crash, must never tie a client to what it did: nothing anywhere shaped
 * like a dead-drop ID or a key (long hex or base64 runs), and no client address in Sotto's own
 * lines (any address but the cluster's server ports). Netty logs peer addresses at DEBUG, which
 * is why the shipped logback.xml keeps libraries at WARN.
 */
class LogPrivacyTest {
  private static final Pattern ADDRESS =
      Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-fA-F:]+\\]|localhost):(\\d{1,5})");
  /** 16-byte dead-drop IDs and 32-byte keys, in hex or base64. */
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32,}");
  private static final Pattern BASE64 =
      Pattern.compile("(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{22,44}={0,2}(?![A-Za-z0-9+/_-])");
  /** Class names and other identifiers, which base64 of random bytes practically never is. */
  private static final Pattern IDENTIFIER = Pattern.compile("([A-Z]?[a-z0-9]+)+");

  @Test
  void serverLogsNeverCarryClientAddressesDeadDropIdsOrKeys(@TempDir Path dir) throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger sotto = context.getLogger("org.sotto");
    Level rootLevel = root.getLevel();
    Level sottoLevel = sotto.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.DEBUG);
    sotto.setLevel(Level.TRACE);
    Set<Integer> serverPorts = new HashSet<>();
    try {
      LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
      try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, 500, 1, 5, 1)) {
        serverPorts.add(cluster.descriptor().coordinator().port());
        cluster.descriptor().mixes().forEach(m -> serverPorts.add(m.address().port()));
        cluster.descriptor().deadDrops().forEach(d -> serverPorts.add(d.address().port()));
        cluster.coordinator().addRoundListener(outcomes::add);
        try (BotFleet fleet = BotFleet.create(cluster.descriptor(), 2,
            System.currentTimeMillis() / 500, new BotStats())) {
          fleet.start();
          await(outcomes, fleet, 3, true);
          cluster.killMix(2);
          await(outcomes, fleet, 2, false);
          cluster.restartMix(2);
          await(outcomes, fleet, 2, true);
        }
      }
    } finally {
      root.detachAppender(captured);
      root.setLevel(rootLevel);
      sotto.setLevel(sottoLevel);
    }

    List<ILoggingEvent> events = List.copyOf(captured.list);
    assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
        .as("the run logged its servers and its aborts")
        .anySatisfy(l -> assertThat(l).contains("listening on"))
        .anySatisfy(l -> assertThat(l).contains("aborted"));
    for (ILoggingEvent event : events) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
          : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()));
      Matcher address = ADDRESS.matcher(line);
      while (event.getLoggerName().startsWith("org.sotto") && address.find()) {
        assertThat(serverPorts).as("only servers' addresses may be logged: " + line)
            .contains(Integer.parseInt(address.group(2)));
      }
      assertThat(HEX.matcher(line).find()).as("hex like an ID or key in: " + line).isFalse();
      Matcher b64 = BASE64.matcher(line);
      while (b64.find()) {
        assertThat(keyLike(b64.group())).as("base64 like an ID or key in: " + line).isFalse();
      }
    }
  }

  /** A whole token as long as a 16- or 32-byte value in base64, mixed like random bytes. */
  static boolean keyLike(String token) {
    String bare = token.replace("=", "");
    return (bare.length() == 22 || bare.length() == 43)
        && token.chars().anyMatch(Character::isDigit)
        && token.chars().anyMatch(Character::isUpperCase)
        && token.chars().anyMatch(Character::isLowerCase)
        && !IDENTIFIER.matcher(token).matches();
  }

  @Test
  void theScanCatchesWhatItIsFor() {
    assertThat(HEX.matcher("drop 00112233445566778899aabbccddeeff for 10.0.0.7:51234").find())
        .isTrue();
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 37 + 11);
    }
    Matcher key = BASE64.matcher("key " + java.util.Base64.getEncoder().encodeToString(bytes)
        + " sent");
    assertThat(key.find() && keyLike(key.group())).isTrue();
    Matcher id = BASE64.matcher("drop " + java.util.Base64.getEncoder().encodeToString(
        java.util.Arrays.copyOf(bytes, 16)) + " for");
    assertThat(id.find() && keyLike(id.group())).isTrue();
    Matcher name = BASE64.matcher("headers=GrpcHttp2OutboundHeaders1[");
    assertThat(name.find() && keyLike(name.group())).isFalse();
    Matcher m = ADDRESS.matcher("client 127.0.0.1:51234 submitted");
    assertThat(m.find() && m.group(2).equals("51234")).isTrue();
  }

  private static void await(LinkedBlockingQueue<RoundOutcome> outcomes, BotFleet fleet, int n,
      boolean delivered) throws InterruptedException {
    int seen = 0;
    while (seen < n) {
      RoundOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
      assertThat(o).as("rounds keep finishing").isNotNull();
      seen += o.delivered() == delivered ? 1 : 0;
      fleet.topUp();
    }
  }
}
