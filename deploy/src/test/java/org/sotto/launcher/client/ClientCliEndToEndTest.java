package org.sotto.launcher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.cli.ClientCommand;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.dialing.OutOfBandDialer;
import org.sotto.launcher.Sotto;
import org.sotto.launcher.cluster.LocalCluster;
import picocli.CommandLine;

/** {@code sotto client ...} as a user types it, against a real cluster. */
class ClientCliEndToEndTest {

  private record Run(int exit, String out, String err) {}

  private static Run client(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ClientCommand(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), OutOfBandDialer::new));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void registerAddAcceptSendAndTheErrorsOnTheWay(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1, 1, 500, 1, 5, 1)) {
      String descriptor = cluster.files().descriptor().toString();
      String alice = dir.resolve("alice").toString();
      String bob = dir.resolve("bob").toString();
      String pw = new String(TestUser.PASSWORD) + "\n";

      Run weak = client("password1\n", "register", "carol", "--password-stdin", "--data-dir",
          dir.resolve("carol").toString(), "--descriptor", descriptor);
      assertThat(weak.exit()).isEqualTo(1);
      assertThat(weak.err()).contains("error: password refused");

      assertThat(client(pw, "register", "alice", "--password-stdin", "--data-dir", alice,
          "--descriptor", descriptor).out()).contains("Registered alice");
      assertThat(client(pw, "register", "bob", "--password-stdin", "--data-dir", bob,
          "--descriptor", descriptor).exit()).isZero();

      Run added = client("", "contacts", "add", "bob", "--data-dir", alice);
      assertThat(added.exit()).as(added.err()).isZero();
      assertThat(added.out()).contains("Safety number");
      Matcher round = Pattern.compile("accept alice --round (\\d+)").matcher(added.out());
      assertThat(round.find()).as(added.out()).isTrue();
      Run accepted = client("", "contacts", "accept", "alice", "--round", round.group(1),
          "--data-dir", bob);
      assertThat(accepted.exit()).as(accepted.err()).isZero();
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
      assertThat(offline.err()).contains("stays queued");

      Run unknown = client("", "send", "carol", "hi", "--data-dir", alice);
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.err()).contains("carol is not one of your contacts");

      Run wrong = client("not the right passphrase 9\n", "login", "alice", "--password-stdin",
          "--data-dir", dir.resolve("alice2").toString(), "--descriptor", descriptor);
      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.err()).contains("wrong username or password");
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
