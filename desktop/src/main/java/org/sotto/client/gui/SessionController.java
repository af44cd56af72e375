package org.sotto.client.gui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.Timer;
import org.sotto.client.ContactInfo;
import org.sotto.client.RoundStatus;
import org.sotto.client.SottoClient;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.dialing.Invitation;
import org.sotto.client.store.ConversationTable;

/**
 * What the main window's controls do, and where the client's events land. Runs on the event
 * dispatch thread; every client call goes to the session's worker, and its result comes back
 * here to update the {@link SessionModel}.
 */
final class SessionController {
  private static final int EXPIRY_TICK_MS = 2_000;

  private final ClientSession session;
  private final SessionModel model;
  private final Consumer<String> errors;
  private final Timer expiry;
  private String selected;

  /** What one conversation holds on disk, read on the worker. */
  record Saved(List<ChatMessage> history, List<ChatMessage> outbox, List<ChatMessage> unread,
      DisappearingTimer timer) {
    static Saved read(SottoClient c, String peer) throws Exception {
      ConversationTable.Options options = c.historyOptions(peer).orElse(null);
      return new Saved(c.history(peer), c.outbox(peer), c.unread(peer),
          DisappearingTimer.of(options));
    }
  }

  /** The whole session as the data folder holds it when the main window opens. */
  record Snapshot(List<ContactInfo> contacts, List<Invitation> invitations,
      Map<String, Saved> conversations) {
    static Snapshot read(SottoClient c) throws Exception {
      List<ContactInfo> contacts = c.contacts();
      Map<String, Saved> saved = new LinkedHashMap<>();
      for (ContactInfo info : contacts) {
        if (info.inConversation()) {
          saved.put(info.username(), Saved.read(c, info.username()));
        }
      }
      return new Snapshot(contacts, c.invitations(), saved);
    }
  }

  /**
   * @param errors shows a failure that belongs to no dialog (a message that could not be queued)
   */
  SessionController(ClientSession session, SessionModel model, Consumer<String> errors) {
    this.session = session;
    this.model = model;
    this.errors = errors;
    this.expiry = new Timer(EXPIRY_TICK_MS, e -> expire());
  }

  SessionModel model() {
    return model;
  }

  /** Shows what is on disk, then connects (so no event can come before the snapshot). */
  void start(Runnable connected) {
    session.run(Snapshot::read, snapshot -> {
      model.setInvitations(snapshot.invitations());
      snapshot.conversations().forEach((peer, saved) -> apply(peer, saved));
      model.setContacts(snapshot.contacts());
      expiry.start();
      session.run(c -> {
        c.connect();
        return null;
      }, v -> connected.run(), e -> errors.accept("Could not connect: "
          + ClientSession.describe(e)));
    }, e -> errors.accept("Could not read this data folder: " + ClientSession.describe(e)));
  }

  void stop() {
    expiry.stop();
  }

  // ---- user actions -----------------------------------------------------------------------------

  /** The conversation on screen (null for none): its messages count as read. */
  void select(String peer) {
    selected = peer;
    if (peer != null) {
      markRead(peer);
    }
  }

  String selected() {
    return selected;
  }

  void send(String peer, String text, Consumer<String> failed) {
    session.run(c -> c.send(peer, text), sequence -> {
      model.conversation(peer).addOutgoing(sequence, text, System.currentTimeMillis());
      model.changed(peer);
    }, e -> failed.accept(ClientSession.describe(e)));
  }

  /** Adds a contact by username and invites them in the next dialing round. */
  void addContact(String username, Consumer<String> done, Consumer<String> failed) {
    session.run(c -> {
      String name = c.addContact(username).username();
      boolean fresh = c.historyOptions(name).isEmpty();
      long round = c.dial(name);
      keepHistoryIfNew(c, name, fresh);
      return new Started(name, round, c.contacts(), Saved.read(c, name));
    }, started -> {
      show(started);
      model.conversation(started.peer()).addNote("You invited " + started.peer()
          + ". The conversation starts at round " + started.round()
          + "; what you write waits until they accept.", System.currentTimeMillis());
      model.changed(started.peer());
      done.accept(started.peer());
    }, e -> failed.accept(ClientSession.describe(e)));
  }

  /** Invites a contact again (a contact with no conversation, or one who lost theirs). */
  void invite(String peer) {
    session.run(c -> {
      boolean fresh = c.historyOptions(peer).isEmpty();
      long round = c.dial(peer);
      keepHistoryIfNew(c, peer, fresh);
      return new Started(peer, round, c.contacts(), Saved.read(c, peer));
    }, started -> {
      show(started);
      model.conversation(peer).addNote("You invited " + peer + " (conversation round "
          + started.round() + ").", System.currentTimeMillis());
      model.changed(peer);
    }, e -> errors.accept("Could not invite " + peer + ": " + ClientSession.describe(e)));
  }

  void accept(Invitation invitation, Consumer<String> done) {
    String caller = invitation.caller().username();
    session.run(c -> {
      boolean fresh = c.historyOptions(caller).isEmpty();
      c.accept(caller);
      keepHistoryIfNew(c, caller, fresh);
      return new Started(caller, invitation.startRound(), c.contacts(), Saved.read(c, caller));
    }, started -> {
      model.removeInvitation(caller);
      show(started);
      model.conversation(caller).addNote("You accepted " + caller + "'s invitation.",
          System.currentTimeMillis());
      model.changed(caller);
      done.accept(caller);
    }, e -> errors.accept("Could not accept " + caller + "'s invitation: "
        + ClientSession.describe(e)));
  }

  void decline(Invitation invitation) {
    String caller = invitation.caller().username();
    session.run(c -> {
      c.decline(caller);
      return null;
    }, v -> model.removeInvitation(caller), e -> errors.accept("Could not decline: "
        + ClientSession.describe(e)));
  }

  void setTimer(String peer, DisappearingTimer timer) {
    ConversationModel conversation = model.conversation(peer);
    DisappearingTimer before = conversation.timer();
    conversation.setTimer(timer);
    session.run(c -> {
      c.keepHistory(peer, timer.keep(), timer.after());
      return null;
    }, v -> {
      conversation.addNote(timer.note(), System.currentTimeMillis());
      expire();
      model.changed(peer);
    }, e -> {
      conversation.setTimer(before);
      model.changed(peer);
      errors.accept("Could not change the timer: " + ClientSession.describe(e));
    });
  }

  // ---- client events (on the EDT) -------------------------------------------------------------

  void received(ChatMessage message) {
    ConversationModel conversation = model.conversation(message.peer());
    conversation.addIncoming(message);
    if (message.peer().equals(selected)) {
      markRead(message.peer());
    }
    model.changed(message.peer());
  }

  void deliveryChanged(String peer, long sequence, Delivery state) {
    if (model.conversation(peer).deliveryChanged(sequence, state)) {
      model.changed(peer);
    }
  }

  void invited(Invitation invitation) {
    model.addInvitation(invitation);
  }

  void connectionChanged(boolean connected, String detail) {
    model.setConnection(connected, detail);
  }

  void roundStatus(RoundStatus status) {
    model.round(status);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private record Started(String peer, long round, List<ContactInfo> contacts, Saved saved) {}

  /**
   * A conversation the GUI starts keeps its history, as a chat window is expected to (the user
   * can change that with its timer); a conversation started again keeps its choice.
   */
  private static void keepHistoryIfNew(SottoClient c, String peer, boolean fresh)
      throws Exception {
    if (fresh) {
      c.keepHistory(peer, true, null);
    }
  }

  private void show(Started started) {
    apply(started.peer(), started.saved());
    model.setContacts(started.contacts());
  }

  private void apply(String peer, Saved saved) {
    ConversationModel conversation = model.conversation(peer);
    conversation.setTimer(saved.timer());
    conversation.load(saved.history(), saved.outbox(), saved.unread());
    if (peer.equals(selected)) {
      markRead(peer);
    }
  }

  private void markRead(String peer) {
    long upTo = model.conversation(peer).markAllRead(System.currentTimeMillis());
    if (upTo >= 0) {
      session.run(c -> {
        c.markRead(peer, upTo);
        return null;
      }, v -> { }, e -> { });
      model.changed(peer);
    }
  }

  private void expire() {
    long now = System.currentTimeMillis();
    List<String> changed = new ArrayList<>();
    for (ConversationModel c : model.conversations()) {
      if (c.expire(now)) {
        changed.add(c.peer());
      }
    }
    changed.forEach(model::changed);
  }
}
