package org.sotto.launcher.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two-terminal chat, done from the unpacked tarball's bin/sotto as a new user does
 * it: a cluster started by hand (short rounds, light noise), alice and bob registered, bob
 * accepting while alice adds him, then both chatting on real terminals (JLine on a pty), a
 * one-shot {@code send}, a script's {@code receive --json}, and the coordinator going away under
 * a running chat. Nothing a person reads may be a stack trace or a Java type name.
 */
class ChatOnPtyIT {
  private static final String VERSION = System.getProperty("sotto.version");
  private static final Map<String, String> ENV = Map.of("SOTTO_JAVA_OPTS", "-Xmx256m",
      "SOTTO_LOG_LEVEL", "WARN");
  private static final Pattern JAVA_INTERNALS = Pattern.compile(
      "\\bat [a-z]+\\.|Exception|org\\.sotto\\.|java\\.|com\\.fasterxml|io\\.grpc|io\\.netty");
  private static final String PASSWORD = "amber quarry 62 willow flute\n";
  private static final Duration ROUNDS = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  private final List<Process> servers = new ArrayList<>();
  private final List<Pty> terminals = new ArrayList<>();
  private Path home;

  @AfterEach
  void stop() {
    terminals.forEach(Pty::close);
    servers.forEach(p -> {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    });
  }

  private Command sotto(long timeoutSeconds, String... args) throws Exception {
    return Command.run(home, ENV, timeoutSeconds, argv(args).toArray(String[]::new));
  }

  private List<String> argv(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(home.resolve("bin/sotto").toString());
    argv.addAll(List.of(args));
    return argv;
  }

  private Process server(String role, Path config) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv(role, "--config", config.toString()))
        .directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(role + ".log").toFile());
    pb.environment().putAll(ENV);
    Process p = pb.start();
    servers.add(p);
    return p;
  }

  private Pty chat(String with, Path dataDir) throws IOException {
    Pty pty = Pty.start(home, ENV, argv("client", "chat", with, "--data-dir",
        dataDir.toString()));
    terminals.add(pty);
    return pty;
  }

  private static void assertInWords(String shown) {
    assertThat(JAVA_INTERNALS.matcher(shown).find())
        .as("no stack trace or Java type name in:\n" + shown).isFalse();
  }

  @Test
  void theReadmesTwoTerminalChatWorksFromTheTarball() throws Exception {
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    Command tar = Command.run(unpacked, Map.of(), 60, "tar", "xzf",
        System.getProperty("sotto.distribution"));
    assertThat(tar.exit()).as(tar.toString()).isZero();
    home = unpacked.resolve("sotto-" + VERSION);

    // a cluster by hand, as the README's "Running a cluster by hand"
    Path cluster = dir.resolve("cluster");
    int base = freePortRange(3);
    Command init = sotto(60, "cluster", "init", "--out", cluster.toString(), "--mixnodes", "1",
        "--deaddrops", "1", "--base-port", Integer.toString(base), "--round-interval-ms", "500",
        "--dialing-interval-ms", "2000", "--noise-mu", "2", "--noise-b", "1",
        "--dialing-noise-mu", "2", "--dialing-noise-b", "1");
    assertThat(init.exit()).as(init.toString()).isZero();
    Path coordinatorConfig = cluster.resolve("coordinator/coordinator.yaml");
    // the cheapest stretching the coordinator allows, so registering is quick on a busy machine
    Files.writeString(coordinatorConfig, Files.readString(coordinatorConfig)
        .replaceFirst("argon2:\\n    memory-kib: \\d+\\n    iterations: \\d+\\n    parallelism: \\d+",
            "argon2:\n    memory-kib: 19456\n    iterations: 2\n    parallelism: 1"));
    server("deaddrop", cluster.resolve("deaddrop-1/deaddrop.yaml"));
    server("mixnode", cluster.resolve("mix-1/mixnode.yaml"));
    Process coordinator = server("coordinator", coordinatorConfig);
    awaitListening(base, coordinator);
    String descriptor = cluster.resolve("descriptor.yaml").toString();
    Path alice = dir.resolve("alice");
    Path bob = dir.resolve("bob");

    for (String[] user : new String[][] {{"alice", alice.toString()}, {"bob", bob.toString()}}) {
      Command register = Command.runWithInput(home, ENV, 120, PASSWORD, argv("client",
          "register", user[0], "--password-stdin", "--data-dir", user[1], "--descriptor",
          descriptor).toArray(String[]::new));
      assertThat(register.exit()).as(register.toString()).isZero();
      assertThat(register.stdout()).contains("Registered " + user[0]);
    }

    // bob waits for alice's call in his terminal while she adds him in hers
    Pty bobAccepts = Pty.start(home, ENV, argv("client", "contacts", "accept", "alice",
        "--timeout", "120", "--data-dir", bob.toString()));
    terminals.add(bobAccepts);
    bobAccepts.await("Waiting for an invitation from alice", ROUNDS);
    Thread.sleep(2_000); // its session opens right after it says so
    Command added = sotto(120, "client", "contacts", "add", "bob", "--data-dir",
        alice.toString());
    assertThat(added.exit()).as(added.toString()).isZero();
    assertThat(added.stdout()).contains("Safety number", "Sending the invitation",
        "Invited bob", "bob accepts with: sotto client contacts accept alice");
    bobAccepts.await("You can talk with alice now", Duration.ofSeconds(120));
    assertThat(bobAccepts.exit(ROUNDS)).as(bobAccepts.text()).isZero();

    // two terminals
    Pty aliceChat = chat("bob", alice);
    Pty bobChat = chat("alice", bob);
    aliceChat.await("Chatting with bob as alice", ROUNDS);
    bobChat.await("Chatting with alice as bob", ROUNDS);
    aliceChat.await("alice> ", ROUNDS);
    bobChat.await("bob> ", ROUNDS);
    aliceChat.type("Hi Bob! Did the mixes shuffle this well?");
    aliceChat.await("you: Hi Bob! Did the mixes shuffle this well?  [#1 queued]", ROUNDS);
    bobChat.await("alice: Hi Bob! Did the mixes shuffle this well?", ROUNDS);
    aliceChat.await("#1 delivered", ROUNDS);
    bobChat.type("Loud and clear, and nobody knows we talked.");
    aliceChat.await("bob: Loud and clear, and nobody knows we talked.", ROUNDS);
    aliceChat.type("/nonsense");
    aliceChat.await("unknown command /nonsense; /help lists commands", ROUNDS);
    aliceChat.type("/quit");
    assertThat(aliceChat.exit(ROUNDS)).as(aliceChat.text()).isZero();

    // a one-shot send from alice's folder reaches bob's open chat
    Command sent = sotto(120, "client", "send", "bob", "see you at 6", "--data-dir",
        alice.toString());
    assertThat(sent.exit()).as(sent.toString()).isZero();
    assertThat(sent.stdout()).contains("delivered");
    bobChat.await("alice: see you at 6", ROUNDS);
    bobChat.type("/quit");
    assertThat(bobChat.exit(ROUNDS)).as(bobChat.text()).isZero();

    // a script reads bob's messages as JSON while alice's client sends
    CompletableFuture<Command> aliceSends = CompletableFuture.supplyAsync(() -> {
      try {
        return sotto(120, "client", "send", "bob", "for the script", "--data-dir",
            alice.toString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Command received = sotto(120, "client", "receive", "--json", "--timeout", "60",
        "--max-messages", "1", "--data-dir", bob.toString());
    assertThat(received.exit()).as(received.toString()).isZero();
    List<JsonNode> messages = new ArrayList<>();
    for (String line : received.stdout().strip().split("\n")) {
      messages.add(new ObjectMapper().readTree(line));
    }
    assertThat(messages).as(received.stdout()).anySatisfy(m -> {
      assertThat(m.get("from").asText()).isEqualTo("alice");
      assertThat(m.get("text").asText()).isEqualTo("for the script");
      assertThat(Instant.parse(m.get("time").asText())).isBefore(Instant.now());
    });
    assertThat(aliceSends.get(120, TimeUnit.SECONDS).exit()).isZero();

    // the coordinator goes away under a running chat: said in words, then a send says why
    Pty again = chat("alice", bob);
    again.await("bob> ", ROUNDS);
    coordinator.destroy();
    assertThat(coordinator.waitFor(30, TimeUnit.SECONDS)).isTrue();
    again.await("(connection lost: ", ROUNDS);
    again.type("/quit");
    assertThat(again.exit(ROUNDS)).isZero();
    Command down = sotto(120, "client", "send", "bob", "anyone there?", "--timeout", "5",
        "--data-dir", alice.toString());
    assertThat(down.exit()).as(down.toString()).isEqualTo(4);
    assertThat(down.stderr()).contains("the cluster is unreachable", "stays queued");

    for (String shown : List.of(aliceChat.text(), bobChat.text(), again.text(),
        bobAccepts.text(), added.toString(), sent.toString(), down.toString())) {
      assertInWords(shown);
    }
  }

  private static void awaitListening(int port, Process coordinator) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && coordinator.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new AssertionError("the coordinator did not listen on " + port);
  }

  /** A base port with {@code count} free ports from it, for cluster init's --base-port. */
  private static int freePortRange(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base;
      try (ServerSocket probe = new ServerSocket(0)) {
        base = probe.getLocalPort();
      }
      if (base + count > 65535) {
        continue;
      }
      boolean free = true;
      for (int p = base; p < base + count && free; p++) {
        try (ServerSocket s = new ServerSocket(p)) {
          s.setReuseAddress(true);
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free port range");
  }
}
