package org.sotto.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.ClientSettings;
import org.sotto.client.SottoClient;
import org.sotto.client.cli.ClientCommand;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.launcher.Sotto;
import org.sotto.testkit.cluster.LocalCluster;
import picocli.CommandLine;

/** {@code sotto client ...} as a user types it, against a real cluster. */
class ClientCliEndToEndTest {

  private record Run(int exit, String out, String err) {}

  private static Run client(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ClientCommand(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void registerAddAcceptSendAndTheErrorsOnTheWay(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1, 1, 500, 1, 5, 1,
        TestUser.FAST_DIALING)) {
      String descriptor = cluster.files().descriptor().toString();
      String alice = dir.resolve("alice").toString();
      String bob = dir.resolve("bob").toString();
      String pw = new String(TestUser.PASSWORD) + "\n";

      Run weak = client("password1\n", "register", "carol", "--password-stdin", "--data-dir",
          dir.resolve("carol").toString(), "--descriptor", descriptor);
      assertThat(weak.exit()).isEqualTo(1);
      assertThat(weak.err()).contains("error: password refused");
      assertThat(dir.resolve("carol")).as("a failed register leaves nothing behind")
          .doesNotExist();
      Run badName = client(pw, "register", "Not A Name!", "--password-stdin", "--data-dir",
          dir.resolve("dave").toString(), "--descriptor", descriptor);
      assertThat(badName.exit()).isEqualTo(1);
      assertThat(badName.err()).contains("username").doesNotContain("Stretching");
      assertThat(badName.out()).doesNotContain("Stretching");
      assertThat(dir.resolve("dave")).doesNotExist();

      assertThat(client(pw, "register", "alice", "--password-stdin", "--data-dir", alice,
          "--descriptor", descriptor).out()).contains("Registered alice");
      assertThat(client(pw, "register", "bob", "--password-stdin", "--data-dir", bob,
          "--descriptor", descriptor).exit()).isZero();

      Run early = client("", "contacts", "accept", "alice", "--timeout", "1", "--data-dir", bob);
      assertThat(early.exit()).as("nobody called yet").isEqualTo(3);
      assertThat(early.err()).contains("no invitation from alice arrived");

      await().atMost(Duration.ofSeconds(30))
          .until(() -> cluster.coordinator().connectedClients() == 0);
      // bob waits for alice's call in one terminal while alice adds (and so dials) him in another
      CompletableFuture<Run> bobAccepts = CompletableFuture.supplyAsync(
          () -> client("", "contacts", "accept", "alice", "--timeout", "60", "--data-dir", bob));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> cluster.coordinator().connectedClients() == 1);
      Run added = client("", "contacts", "add", "bob", "--data-dir", alice);
      assertThat(added.exit()).as(added.err()).isZero();
      assertThat(added.out()).contains("Safety number", "Invited bob",
          "bob accepts with: sotto client contacts accept alice");
      Matcher aliceSafety = Pattern.compile("on a call\\):\\s+([0-9 \\n]+)\\n")
          .matcher(added.out());
      assertThat(aliceSafety.find()).as(added.out()).isTrue();
      Run accepted = bobAccepts.get(90, TimeUnit.SECONDS);
      assertThat(accepted.exit()).as(accepted.err()).isZero();
      assertThat(accepted.out()).contains("Waiting for an invitation from alice",
          "Added alice", "You can talk with alice now");
      assertThat(accepted.out().replaceAll("\\s+", " "))
          .as("bob sees the safety number alice sees")
          .contains(aliceSafety.group(1).replaceAll("\\s+", " ").strip());
      assertThat(client("", "contacts", "list", "--data-dir", bob).out())
          .containsPattern("alice +in conversation");
      assertThat(client("", "contacts", "list", "--data-dir", alice).out())
          .containsPattern("bob +in conversation");

      try (TestUser bobOnline = new TestUser("bob", Path.of(bob), null).open()) {
        bobOnline.client.connect();
        Run sent = client("", "send", "bob", "hello", "from", "the", "CLI", "--data-dir", alice);
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("queued as message 1", "delivered");
        await().atMost(Duration.ofSeconds(10)).until(() -> !bobOnline.received.isEmpty());
        assertThat(bobOnline.received).extracting(ChatMessage::text)
            .containsExactly("hello from the CLI");
      }

      Run offline = client("", "send", "bob", "are you there?", "--timeout", "3",
          "--data-dir", alice);
      assertThat(offline.exit()).isEqualTo(3);
      assertThat(offline.err()).contains("stays queued").doesNotContain("unreachable");

      // bob reads with a script while alice's client runs and sends
      CompletableFuture<Run> aliceSends = CompletableFuture.supplyAsync(() -> client("",
          "send", "bob", "for", "the", "script", "--timeout", "40", "--data-dir", alice));
      Run received = client("", "receive", "--json", "--timeout", "30", "--data-dir", bob);
      assertThat(received.exit()).as(received.err()).isZero();
      List<JsonNode> messages = new ArrayList<>();
      for (String line : received.out().strip().split("\n")) {
        messages.add(new ObjectMapper().readTree(line));
      }
      assertThat(messages).as(received.out()).anySatisfy(m -> {
        assertThat(m.get("from").asText()).isEqualTo("alice");
        assertThat(m.get("text").asText()).isEqualTo("for the script");
        assertThat(Instant.parse(m.get("time").asText())).isBefore(Instant.now());
      });
      assertThat(aliceSends.get(60, TimeUnit.SECONDS).exit()).isZero();
      assertThat(client("", "receive", "--timeout", "0", "--data-dir", bob).out())
          .as("what receive printed is read").isEmpty();
      JsonNode contact = new ObjectMapper().readTree(
          client("", "contacts", "list", "--json", "--data-dir", alice).out());
      assertThat(contact.get("type").asText()).isEqualTo("contact");
      assertThat(contact.get("username").asText()).isEqualTo("bob");
      assertThat(contact.get("inConversation").asBoolean()).isTrue();

      Run unknown = client("", "send", "carol", "hi", "--data-dir", alice);
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.err()).contains("carol is not one of your contacts");

      Run wrong = client("not the right passphrase 9\n", "login", "alice", "--password-stdin",
          "--data-dir", dir.resolve("alice2").toString(), "--descriptor", descriptor);
      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.err()).contains("wrong username or password");
      assertThat(dir.resolve("alice2")).doesNotExist();
    }

    Run down = client("", "send", "bob", "anyone?", "--timeout", "3", "--data-dir",
        dir.resolve("alice").toString());
    assertThat(down.exit()).as(down.err()).isEqualTo(4);
    assertThat(down.err()).contains("the cluster is unreachable", " since ", "stays queued")
        .doesNotContain("may be offline").doesNotContain("Exception");
  }

  @Test
  void aPasswordChangeKeepsTheKeysAndRetiresTheOldPassword(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1, 1, 500, 1, 5, 1)) {
      String descriptor = cluster.files().descriptor().toString();
      String alice = dir.resolve("alice").toString();
      String old = new String(TestUser.PASSWORD);
      String next = "quiet harbour 83 lantern moss";
      assertThat(client(old + "\n", "register", "alice", "--password-stdin", "--data-dir", alice,
          "--descriptor", descriptor).exit()).isZero();

      Run wrong = client("not alices passphrase 12\n" + next + "\n", "password",
          "--password-stdin", "--data-dir", alice);
      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.err()).contains("the current password is wrong; nothing was changed");
      Run weak = client(old + "\npassword1\n", "password", "--password-stdin", "--data-dir",
          alice);
      assertThat(weak.exit()).isEqualTo(1);
      assertThat(weak.err()).contains("new password refused");
      Run missing = client(old + "\n", "password", "--password-stdin", "--data-dir", alice);
      assertThat(missing.err()).contains("stdin held no new password");

      Run changed = client(old + "\n" + next + "\n", "password", "--password-stdin",
          "--data-dir", alice);
      assertThat(changed.exit()).as(changed.err()).isZero();
      assertThat(changed.out()).contains("Password changed for alice");

      Run withOld = client(old + "\n", "login", "alice", "--password-stdin", "--data-dir",
          dir.resolve("old-password").toString(), "--descriptor", descriptor);
      assertThat(withOld.exit()).as("the old password no longer logs in").isEqualTo(1);
      assertThat(withOld.err()).contains("wrong username or password");
      Run withNew = client(next + "\n", "login", "alice", "--password-stdin", "--data-dir",
          dir.resolve("new-password").toString(), "--descriptor", descriptor);
      assertThat(withNew.exit()).as(withNew.err()).isZero();
      assertThat(withNew.out()).contains("identity keys restored");

      // the backup under the new password holds the same identity: bob sees one safety number
      try (SottoClient bob = SottoClient.open(ClientSettings.of(dir.resolve("bob"),
              cluster.files().descriptor()));
          SottoClient first = SottoClient.open(ClientSettings.of(Path.of(alice), null));
          SottoClient moved = SottoClient.open(ClientSettings.of(dir.resolve("new-password"),
              null))) {
        bob.register("bob", TestUser.PASSWORD);
        moved.connect();
        first.connect();
        assertThat(moved.addContact("bob").safetyNumber())
            .isEqualTo(first.addContact("bob").safetyNumber());
      }
    }
  }

  @Test
  void everyCommandHasHelpAndTheLauncherCompletesThem() {
    CommandLine sotto = new CommandLine(new Sotto());
    List<CommandLine> all = new ArrayList<>();
    collect(sotto.getSubcommands().get("client"), all);
    assertThat(all).hasSizeGreaterThanOrEqualTo(9);
    for (CommandLine c : all) {
      assertThat(c.getCommandSpec().mixinStandardHelpOptions())
          .as(c.getCommandName() + " --help").isTrue();
      assertThat(c.getUsageMessage()).isNotBlank();
    }
    StringWriter completion = new StringWriter();
    sotto.setOut(new PrintWriter(completion));
    assertThat(sotto.execute("generate-completion")).isZero();
    assertThat(completion.toString()).contains("client", "contacts", "chat");
  }

  private static void collect(CommandLine c, List<CommandLine> into) {
    into.add(c);
    c.getSubcommands().values().forEach(s -> collect(s, into));
  }
}
