package org.sotto.e2e.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Toolkit;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Duration;
import javax.swing.JList;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.ClientSettings;
import org.sotto.client.SottoClient;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.gui.Theme;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * The desktop client end to end, as people use it, on a real cluster (coordinator, 3 mixes,
 * 2 dead-drop shards, TLS on localhost): alice and bob register in two windows, alice adds bob,
 * bob accepts the invitation, messages go both ways and show "Delivered"; a third user's message
 * shows as unread, a fourth's invitation waits and is declined; the theme switches to dark
 * (remembered) with the descriptor's fingerprint shown in settings, where alice also changes her
 * password (a wrong current one refused, the new one logging in elsewhere afterwards); bob's
 * disappearing timer is stored; closing the windows shuts the clients down with the outbox kept,
 * and the event dispatch thread never waits long. Screenshots of each step go to target/screenshots/ (light and dark).
 *
 * <p>Needs a display of at least 1920×700 (two 960-pixel windows side by side): `.ci/run` runs
 * the build under {@code xvfb-run}; without a display the test is skipped.
 */
class DesktopClientGuiTest {
  private static final long INTERVAL_MS = 500;
  private static final String PASSWORD = "violet tundra 47 ledger kite";
  private static final String NEW_PASSWORD = "amber quarry 62 willow flute";
  private static Robot robot;
  private static final long started = System.nanoTime();

  /** Prints how long the test took to get here, to see where a slow run spends its time. */
  private static void phase(String name) {
    System.out.printf("[gui test] %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, name);
  }

  /**
   * Skips (with the reason, in the test report) where there is no usable display; sets the robot
   * up once otherwise. An assumption here, not in a @BeforeAll, so the test counts as skipped.
   */
  @BeforeEach
  void display() {
    System.setProperty("awt.useSystemAAFontSettings", "on");
    assumeFalse(GraphicsEnvironment.isHeadless(), "GUI tests need a display and none is set "
        + "(DISPLAY unset or java.awt.headless): run them with `xvfb-run -a -s \"-screen 0 "
        + "1920x1080x24\" ./mvnw verify`, as .ci/run does");
    Dimension screen = Toolkit.getDefaultToolkit().getScreenSize();
    assumeTrue(screen.width >= 1920 && screen.height >= 700, "GUI tests need a screen of at "
        + "least 1920x700 for two windows side by side, this one is " + screen.width + "x"
        + screen.height + ": use xvfb-run -s \"-screen 0 1920x1080x24\"");
    if (robot == null) {
      FailOnThreadViolationRepaintManager.install();
      robot = BasicRobot.robotWithNewAwtHierarchy();
      robot.settings().delayBetweenEvents(15);
      // the window is never idle (the status bar counts down to the next round, messages
      // arrive): wait for the events already posted, not for an empty queue
      robot.settings().simpleWaitForIdle(true);
      robot.settings().idleTimeout(2_000);
      GuiActionRunner.execute(() -> Theme.LIGHT.apply());
    }
  }

  @AfterAll
  static void cleanUp() {
    if (robot != null) {
      robot.cleanUp();
      FailOnThreadViolationRepaintManager.uninstall();
    }
  }

  /** Dialing rounds every second, one bucket per user: invitations arrive within seconds. */
  private static final ClusterDescriptor.DialingSettings FAST_DIALING =
      new ClusterDescriptor.DialingSettings(1000, 1, 64,
          new ClusterDescriptor.NoiseSettings(4, 1));

  @Test
  void twoPeopleRegisterInviteAndChat(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, 2, INTERVAL_MS, 1,
            10, 2, FAST_DIALING);
        EdtWatchdog edt = new EdtWatchdog()) {
      Path descriptor = cluster.files().descriptor();
      GuiUser alice = GuiUser.start(robot, "alice", dir.resolve("alice"), descriptor,
          GuiUser.freshPreferences(), new Point(0, 0));
      GuiUser bob = GuiUser.start(robot, "bob", dir.resolve("bob"), descriptor,
          GuiUser.freshPreferences(), new Point(960, 0));
      try (alice; bob) {
        try {
          phase("windows open");
          alice.awaitShowing("login.submit");
          bob.awaitShowing("login.submit");
          edt.reset();
          assertThat(alice.text("login.cluster")).contains("local").contains("fingerprint");
          Screenshots.save(alice.app.frame(), "01-register-light");

          registerWithAWeakPasswordFirst(alice);
          // while the password is stretched (seconds): what the card says, whole
          Screenshots.save(alice.app.frame(), "01-creating-account-light");
          alice.awaitShowing("main");
          bob.use().textBox("login.username").enterText("alice");
          bob.use().textBox("login.password").enterText(PASSWORD);
          bob.use().textBox("login.repeat").enterText(PASSWORD);
          Clicks.click(bob.use().button("login.submit"));
          await().atMost(GuiUser.WAIT).until(() -> !bob.text("login.error").isBlank()
              && !bob.text("login.error").equals(" "));
          assertThat(bob.text("login.error")).as("the directory's refusal, in words")
              .containsIgnoringCase("alice");
          assertThat(bob.use().textBox("login.password").text())
              .as("a refusal of the username keeps the password typed").isEqualTo(PASSWORD);
          assertThat(GuiActionRunner.execute(() -> {
            java.awt.Component card = bob.find("login.card", java.awt.Component.class)
                .orElseThrow();
            return card.getHeight() >= card.getPreferredSize().height;
          })).as("the login card is never squeezed (its title and Settings button clipped) "
              + "while an error shows").isTrue();
          Screenshots.save(bob.app.frame(), "01-register-error-light");
          register(bob, "bob");
          alice.awaitShowing("main");
          bob.awaitShowing("main");
          await().atMost(GuiUser.WAIT).until(() -> alice.text("status.connection")
              .startsWith("Connected") && alice.text("status.round").startsWith("Next round"));

          phase("registered and connected");
          // Registering stretches two passwords with Argon2id at once: for seconds it takes every
          // core of a small machine, and the EDT waits for a core, not for the client. Its own
          // bound tells the two apart: stretching on the EDT would block it for the whole
          // stretch (over 4 s here), well past this.
          long registrationWorstMs = edt.worstMs();
          phase("worst EDT latency while registering: " + registrationWorstMs + " ms");
          assertThat(registrationWorstMs).as("the EDT did not stretch the password, ms")
              .isLessThan(3_500);
          edt.reset();
          // alice adds bob (after a typo the directory does not know)
          Clicks.click(alice.use().button("sidebar.addContact"));
          DialogFixture add = alice.dialog("addContact");
          add.textBox("addContact.username").enterText("bobby");
          Clicks.click(add.button("addContact.ok"));
          await().atMost(GuiUser.WAIT).until(() -> add.label("addContact.error").text().length()
              > 10);
          add.textBox("addContact.username").deleteText().enterText("bob");
          Clicks.click(add.button("addContact.ok"));
          alice.awaitShowing("composer.text");
          assertThat(alice.text("conversation.peer")).isEqualTo("bob");
          assertThat(alice.text("conversation.subtitle")).contains("waiting for bob");
          assertThat(alice.all("message.note", javax.swing.JLabel.class).stream()
              .map(l -> GuiActionRunner.execute(l::getText)).toList())
              .as("notes in words, no round numbers").isNotEmpty()
              .noneMatch(t -> t.matches("(?s).*\\d{5,}.*"));

          phase("bob added");
          // bob sees the invitation and accepts it
          bob.awaitShowing("invitation.accept.alice");
          Screenshots.save(bob.app.frame(), "02-invitation-light");
          Clicks.click(bob.use().button("invitation.accept.alice"));
          bob.awaitShowing("composer.text");
          assertThat(bob.text("conversation.peer")).isEqualTo("alice");

          phase("invitation accepted");
          say(alice, bob, "Hi Bob! Did the parcel arrive?");
          await().atMost(GuiUser.WAIT).until(() -> alice.text("conversation.subtitle")
              .startsWith("In conversation"));
          assertThat(alice.all("message.note", javax.swing.JLabel.class)).extracting(
              l -> GuiActionRunner.execute(l::getText))
              .anyMatch(t -> t.contains("bob accepted your invitation"));
          say(bob, alice, "Yes, this morning. Thank you, it's lovely.");
          say(alice, bob, "Great. Same place on Thursday, around seven?");
          // Shift+Enter breaks the line, Enter sends both lines as one message
          bob.use().textBox("composer.text").enterText("Thursday works.");
          bob.use().textBox("composer.text").pressKey(KeyEvent.VK_SHIFT)
              .pressAndReleaseKeys(KeyEvent.VK_ENTER).releaseKey(KeyEvent.VK_SHIFT);
          await().atMost(GuiUser.WAIT).until(() -> bob.text("composer.text")
              .equals("Thursday works.\n"));
          say(bob, alice, "I'll bring the maps — see you there.", 
              "Thursday works.\nI'll bring the maps — see you there.");

          phase("four messages delivered");
          // carol's message to alice arrives while alice reads bob's: unread; dave only invites
          try (SottoClient carol = headless(dir, "carol", descriptor);
              SottoClient dave = headless(dir, "dave", descriptor)) {
            carol.dial("alice");
            alice.awaitShowing("invitation.accept.carol");
            Clicks.click(alice.use().button("invitation.accept.carol"));
            await().atMost(GuiUser.WAIT).until(() -> "carol".equals(alice.text(
                "conversation.peer")));
            select(alice, "bob");
            carol.send("alice", "Are we still on for Friday?");
            await().atMost(GuiUser.WAIT).until(() -> alice.title().startsWith("(1) "));
            assertThat(alice.messages()).doesNotContain("Are we still on for Friday?");
            await().atMost(GuiUser.WAIT).until(() -> alice.notifications.shown().contains(
                new RecordingNotifier.Shown("carol", "Are we still on for Friday?")));
            dave.dial("alice");
            alice.awaitShowing("invitation.accept.dave");
            await().atMost(GuiUser.WAIT).until(() -> alice.notifications.shown().stream()
                .anyMatch(n -> n.title().equals("dave invites you")));

            phase("carol's unread message and dave's invitation shown");
            say(alice, bob, "See you!");
            await().atMost(GuiUser.WAIT).until(() -> alice.text("status.outcome")
                .startsWith("Last round"));
            assertThat(alice.text("status.connection")).startsWith("Connected");
            assertThat(alice.text("status.round")).doesNotContainPattern("\\d{4,}");
            Screenshots.save(alice.app.frame(), "03-conversation-alice-light");
            Screenshots.save(bob.app.frame(), "03-conversation-bob-light");
            // a narrower window: the header still shows the contact's whole name
            GuiActionRunner.execute(() -> alice.app.frame().setSize(790, 640));
            await().atMost(GuiUser.WAIT).until(() -> GuiActionRunner.execute(() -> {
              javax.swing.JLabel peer = alice.find("conversation.peer", javax.swing.JLabel.class)
                  .orElseThrow();
              return alice.app.frame().getWidth() == 790 && peer.isValid()
                  && peer.getWidth() >= peer.getPreferredSize().width;
            }));
            Screenshots.save(alice.app.frame(), "03-conversation-alice-790-light");
            GuiActionRunner.execute(() -> alice.app.frame().setSize(960, 640));

            phase("light screenshots");
            // dark theme, chosen in alice's settings, remembered, with the fingerprint shown
            Clicks.click(alice.use().button("sidebar.settings"));
            DialogFixture settings = alice.dialog("settings");
            String fingerprint = ClusterDescriptor.fingerprint(descriptor);
            assertThat(settings.textBox("settings.fingerprint").text().replaceAll("\\s", ""))
                .isEqualToIgnoringCase(fingerprint);
            phase("settings open");
            Clicks.click(settings.radioButton("settings.theme.dark"));
            phase("dark clicked");
            await().atMost(GuiUser.WAIT).until(() -> GuiActionRunner.execute(
                com.formdev.flatlaf.FlatLaf::isLafDark));
            Screenshots.save(settings.target(), "04-settings-dark");
            phase("settings screenshot");
            // alice changes her password there; a wrong current password is refused first
            Clicks.click(settings.button("settings.changePassword"));
            DialogFixture change = alice.dialog("changePassword");
            change.textBox("changePassword.current").enterText("not my passphrase 41");
            change.textBox("changePassword.new").enterText(NEW_PASSWORD);
            change.textBox("changePassword.repeat").enterText(NEW_PASSWORD);
            Clicks.click(change.button("changePassword.ok"));
            await().atMost(GuiUser.WAIT).until(() -> change.label("changePassword.error").text()
                .contains("current password is wrong"));
            Screenshots.save(change.target(), "04-change-password-refused-dark");
            change.textBox("changePassword.current").deleteText().enterText(PASSWORD);
            Clicks.click(change.button("changePassword.ok"));
            await().atMost(GuiUser.WAIT).until(() -> !GuiActionRunner.execute(
                () -> change.target().isShowing()));
            assertThat(settings.label("settings.account").text()).contains("Password changed");
            phase("password changed");
            Clicks.click(settings.button("settings.close"));
            phase("settings closed");
            assertThat(alice.prefs.theme()).isEqualTo(Theme.DARK);
            Thread.sleep(300);
            Screenshots.save(alice.app.frame(), "05-conversation-alice-dark");
            Screenshots.save(bob.app.frame(), "05-conversation-bob-dark");

            // bob makes the conversation disappear after a minute
            chooseTimer(bob, "Disappear after 1 minute");
            await().atMost(GuiUser.WAIT).until(() -> bob.all("message.note",
                javax.swing.JLabel.class).stream().anyMatch(l -> GuiActionRunner.execute(
                    l::getText).contains("disappear 1 minute after")));
            phase("timer set");

            // alice declines dave: the invitation goes, and dave is no contact of hers
            Clicks.click(alice.use().button("invitation.decline.dave"));
            await().atMost(GuiUser.WAIT).until(() -> alice.find("invitation.dave",
                java.awt.Component.class).isEmpty());
            assertThat(alice.text("conversation.peer")).isEqualTo("bob");
          }


          // bob closes his window; what alice writes now waits in her outbox, also across her close
          bob.closeWindow();
          phase("bob closed");
          String waiting = "Are you there?";
          alice.use().textBox("composer.text").enterText(waiting);
          alice.use().textBox("composer.text").pressAndReleaseKeys(KeyEvent.VK_ENTER);
          alice.awaitMessage(waiting);
          phase("alice queued a message");

          // the coordinator goes away: the status bar says so, with no stale "ok" or countdown
          cluster.coordinator().close();
          await().atMost(GuiUser.WAIT).until(() -> alice.text("status.connection")
              .startsWith("Cannot reach the cluster"));
          assertThat(alice.text("status.connection")).containsPattern("since \\d\\d:\\d\\d");
          assertThat(alice.showing("status.outcome")).as("no last-round outcome").isFalse();
          assertThat(alice.showing("status.round")).as("no countdown").isFalse();
          Screenshots.save(alice.app.frame(), "06-cluster-unreachable-dark");
          phase("unreachable cluster shown");

          // alice logs out: the login screen asks for her password
          Clicks.click(alice.use().button("sidebar.settings"));
          DialogFixture accountSettings = alice.dialog("settings");
          Clicks.click(accountSettings.button("settings.logOut"));
          alice.awaitShowing("login.submit");
          await().atMost(GuiUser.WAIT).until(() -> alice.text("login.error")
              .contains("logged out"));
          assertThat(alice.text("login.username")).isEqualTo("alice");
          Screenshots.save(alice.app.frame(), "07-logged-out-dark");
          phase("logged out");
          cluster.restartCoordinator();
          alice.closeWindow();
          phase("worst EDT latency since registering: " + edt.worstMs() + " ms, at "
              + String.format(java.util.Locale.ROOT, "%.1f s", (edt.worstAtNanos() - started)
                  / 1e9));
          assertThat(edt.worstMs()).as("the EDT never waited for the client: worst latency of a "
              + "task posted to it while inviting, chatting, switching theme and "
              + "closing, ms").isLessThan(2_000);

          phase("windows closed");
          try (SottoClient a = SottoClient.open(ClientSettings.of(alice.dataDir, null));
              SottoClient b = SottoClient.open(ClientSettings.of(bob.dataDir, null))) {
            assertThat(a.outbox("bob")).extracting(ChatMessage::text).containsExactly(waiting);
            assertThat(a.history("bob")).extracting(ChatMessage::text)
                .contains("Hi Bob! Did the parcel arrive?", "See you!");
            assertThat(b.historyOptions("alice").orElseThrow().disappearAfter())
                .isEqualTo(Duration.ofMinutes(1));
          }
          // on another machine, alice's new password is the one that logs in
          try (SottoClient moved = SottoClient.open(ClientSettings.of(dir.resolve("alice-moved"),
              descriptor))) {
            assertThatThrownBy(() -> moved.login("alice", PASSWORD.toCharArray()))
                .isInstanceOf(org.sotto.client.SottoException.class)
                .hasMessageContaining("wrong username or password");
            moved.login("alice", NEW_PASSWORD.toCharArray());
            assertThat(moved.username()).contains("alice");
          }
        } catch (Throwable failure) {
          GuiDiagnostics.report(failure, edt.worstMs(), alice, bob);
          throw failure;
        }
      }
    }
  }

  /**
   * Two windows on two data folders, on one machine: they share its preferences node, as two
   * {@code sotto gui --data-dir} processes do. Each window's Settings shows its own folder, and a
   * setting changed in one (discreet notifications) is not the other's, also after a restart.
   */
  @Test
  void twoWindowsOnTwoDataFoldersKeepTheirOwnSettings(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, 2, INTERVAL_MS, 1,
            10, 2, FAST_DIALING)) {
      Path descriptor = cluster.files().descriptor();
      java.util.prefs.Preferences machine = GuiUser.freshPreferences();
      Path aliceDir = dir.resolve("alice");
      Path bobDir = dir.resolve("bob");
      GuiUser alice = GuiUser.start(robot, "alice", aliceDir, descriptor,
          machine, new Point(0, 0)).sharingPreferences();
      GuiUser bob = GuiUser.start(robot, "bob", bobDir, descriptor, machine,
          new Point(960, 0)).sharingPreferences();
      try (bob) {
        try {
          alice.awaitShowing("login.submit");
          bob.awaitShowing("login.submit");
          await().atMost(GuiUser.WAIT).until(() -> alice.text("login.cluster")
              .contains("fingerprint") && bob.text("login.cluster").contains("fingerprint"));

          // alice makes her notifications discreet
          Clicks.click(alice.use().button("login.settings"));
          DialogFixture aliceSettings = alice.dialog("settings");
          assertThat(aliceSettings.label("settings.dataDir").text()).isEqualTo(
              aliceDir.toString());
          aliceSettings.checkBox("settings.discreet").requireNotSelected();
          Clicks.click(aliceSettings.checkBox("settings.discreet"));
          aliceSettings.checkBox("settings.discreet").requireSelected();
          Screenshots.save(aliceSettings.target(), "08-settings-own-folder-light");
          Clicks.click(aliceSettings.button("settings.close"));

          // bob's window shows bob's folder, and his notifications are not discreet
          Clicks.click(bob.use().button("login.settings"));
          DialogFixture bobSettings = bob.dialog("settings");
          assertThat(bobSettings.label("settings.dataDir").text()).isEqualTo(bobDir.toString());
          bobSettings.checkBox("settings.discreet").requireNotSelected();
          Clicks.click(bobSettings.button("settings.close"));
          assertThat(machine.keys()).as("nothing of a data folder's in the machine's "
              + "preferences").doesNotContain("notifications", "notifications.discreet");

          // alice's window closes and opens again on her folder: her choice is still there
          alice.closeWindow();
        } catch (Throwable failure) {
          GuiDiagnostics.report(failure, 0, alice, bob);
          throw failure;
        } finally {
          alice.close();
        }
        GuiUser again = GuiUser.start(robot, "alice", aliceDir, descriptor,
            machine, new Point(0, 0)).sharingPreferences();
        try (again) {
          again.awaitShowing("login.submit");
          Clicks.click(again.use().button("login.settings"));
          DialogFixture settings = again.dialog("settings");
          assertThat(settings.label("settings.dataDir").text()).isEqualTo(aliceDir.toString());
          settings.checkBox("settings.discreet").requireSelected();
          Clicks.click(settings.button("settings.close"));
          // bob's folder, reopened by his window's Settings, still says not discreet
          Clicks.click(bob.use().button("login.settings"));
          bob.dialog("settings").checkBox("settings.discreet").requireNotSelected();
          Clicks.click(bob.dialog("settings").button("settings.close"));
        } catch (Throwable failure) {
          GuiDiagnostics.report(failure, 0, again, bob);
          throw failure;
        }
      } finally {
        machine.removeNode();
      }
    }
  }

  private static void registerWithAWeakPasswordFirst(GuiUser user) {
    user.use().textBox("login.username").enterText(user.name);
    user.use().textBox("login.password").enterText("password1");
    user.use().label("password.strength").requireText("Too weak");
    user.use().textBox("login.repeat").enterText("password1");
    Clicks.click(user.use().button("login.submit"));
    assertThat(user.text("login.error")).contains("stronger password");
    user.use().textBox("login.password").deleteText().enterText(PASSWORD);
    assertThat(user.text("password.strength")).isIn("Strong", "Very strong");
    user.use().textBox("login.repeat").deleteText().enterText(PASSWORD);
    Clicks.click(user.use().button("login.submit"));
  }

  private static void register(GuiUser user, String name) {
    user.use().textBox("login.username").deleteText().enterText(name);
    user.use().textBox("login.password").deleteText().enterText(PASSWORD);
    user.use().textBox("login.repeat").deleteText().enterText(PASSWORD);
    Clicks.click(user.use().button("login.submit"));
  }

  /** {@code from} types {@code text} and presses Enter; it arrives and shows "Delivered". */
  private static void say(GuiUser from, GuiUser to, String text) {
    say(from, to, text, text);
  }

  /** As above, where the message (with what was typed before) reads {@code message}. */
  private static void say(GuiUser from, GuiUser to, String text, String message) {
    from.use().textBox("composer.text").enterText(text);
    from.use().textBox("composer.text").pressAndReleaseKeys(KeyEvent.VK_ENTER);
    from.awaitMessage(message);
    to.awaitMessage(message);
    from.awaitDelivered(message);
  }

  /**
   * Picks a disappearing-message timer in the conversation header (through the combo box's
   * model: AssertJ-Swing's popup handling waits for a popup window Xvfb never activates).
   */
  private static void chooseTimer(GuiUser user, String label) {
    javax.swing.JComboBox<?> combo = user.use().comboBox("conversation.timer").target();
    GuiActionRunner.execute(() -> {
      for (int i = 0; i < combo.getItemCount(); i++) {
        if (combo.getItemAt(i).toString().equals(label)) {
          combo.setSelectedIndex(i);
          return null;
        }
      }
      throw new AssertionError("no timer " + label);
    });
  }

  private static void select(GuiUser user, String contact) {
    JList<?> list = user.use().list("contacts").target();
    int index = GuiActionRunner.execute(() -> {
      for (int i = 0; i < list.getModel().getSize(); i++) {
        if (contact.equals(list.getModel().getElementAt(i))) {
          return i;
        }
      }
      return -1;
    });
    Clicks.click(list, () -> user.use().list("contacts").clickItem(index));
    await().atMost(GuiUser.WAIT).until(() -> contact.equals(user.text("conversation.peer")));
  }

  /** A user without a window, on the library alone, connected. */
  private static SottoClient headless(Path dir, String name, Path descriptor)
      throws Exception {
    SottoClient c = SottoClient.open(ClientSettings.of(dir.resolve(name), descriptor));
    c.register(name, PASSWORD.toCharArray());
    c.connect();
    c.addContact("alice");
    return c;
  }
}
