package org.sotto.client.gui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.client.ContactInfo;
import org.sotto.client.RoundStatus;
import org.sotto.client.dialing.Invitation;
import org.sotto.core.cluster.ClusterDescriptor;

/**
 * Everything the main window shows about one logged-in session: contacts, their conversations,
 * invitations, the connection and the rounds. Confined to the event dispatch thread; views
 * listen for changes.
 */
final class SessionModel {
  /** Change notifications, all on the EDT. */
  interface Listener {
    default void contactsChanged() {}

    default void conversationChanged(String peer) {}

    default void invitationsChanged() {}

    default void statusChanged() {}
  }

  private final String username;
  private final ClusterDescriptor descriptor;
  private final String fingerprint;
  private final Map<String, ContactInfo> contacts = new LinkedHashMap<>();
  private final Map<String, ConversationModel> conversations = new LinkedHashMap<>();
  private final List<Invitation> invitations = new ArrayList<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private Boolean connected;
  private String connectionDetail = "";
  private long currentRound = -1;
  private RoundStatus lastOutcome;
  private long roundsOk;
  private long roundsFailed;

  SessionModel(String username, ClusterDescriptor descriptor, String fingerprint) {
    this.username = username;
    this.descriptor = descriptor;
    this.fingerprint = fingerprint;
  }

  void addListener(Listener l) {
    listeners.add(l);
  }

  void removeListener(Listener l) {
    listeners.remove(l);
  }

  String username() {
    return username;
  }

  ClusterDescriptor descriptor() {
    return descriptor;
  }

  String fingerprint() {
    return fingerprint;
  }

  // ---- contacts and conversations ------------------------------------------------------------

  /** Contacts in list order: unread first, then by name. */
  List<String> contactNames() {
    List<String> names = new ArrayList<>(contacts.keySet());
    names.sort((a, b) -> {
      int ua = conversation(a).unreadCount() > 0 ? 0 : 1;
      int ub = conversation(b).unreadCount() > 0 ? 0 : 1;
      return ua != ub ? Integer.compare(ua, ub) : a.compareTo(b);
    });
    return names;
  }

  ContactInfo contact(String name) {
    return contacts.get(name);
  }

  void setContacts(List<ContactInfo> list) {
    contacts.clear();
    for (ContactInfo c : list) {
      contacts.put(c.username(), c);
      conversation(c.username()).setRunning(c.inConversation());
    }
    listeners.forEach(Listener::contactsChanged);
  }

  /** The conversation model of {@code peer}, made on first use. */
  ConversationModel conversation(String peer) {
    return conversations.computeIfAbsent(peer, ConversationModel::new);
  }

  List<ConversationModel> conversations() {
    return List.copyOf(conversations.values());
  }

  int totalUnread() {
    return conversations.values().stream().mapToInt(ConversationModel::unreadCount).sum();
  }

  /** Tells the views that {@code peer}'s conversation (and so the contact list) changed. */
  void changed(String peer) {
    listeners.forEach(l -> l.conversationChanged(peer));
  }

  // ---- invitations ----------------------------------------------------------------------------

  List<Invitation> invitations() {
    return List.copyOf(invitations);
  }

  void setInvitations(List<Invitation> list) {
    invitations.clear();
    invitations.addAll(list);
    listeners.forEach(Listener::invitationsChanged);
  }

  void addInvitation(Invitation invitation) {
    invitations.removeIf(i -> i.caller().username().equals(invitation.caller().username()));
    invitations.add(invitation);
    listeners.forEach(Listener::invitationsChanged);
  }

  void removeInvitation(String caller) {
    if (invitations.removeIf(i -> i.caller().username().equals(caller))) {
      listeners.forEach(Listener::invitationsChanged);
    }
  }

  // ---- connection and rounds ------------------------------------------------------------------

  /** Null before the first answer from the coordinator. */
  Boolean connected() {
    return connected;
  }

  String connectionDetail() {
    return connectionDetail;
  }

  void setConnection(boolean up, String detail) {
    connected = up;
    connectionDetail = detail == null ? "" : detail;
    listeners.forEach(Listener::statusChanged);
  }

  long currentRound() {
    return currentRound;
  }

  /** The last round that completed or failed; null before the first. */
  RoundStatus lastOutcome() {
    return lastOutcome;
  }

  long roundsOk() {
    return roundsOk;
  }

  long roundsFailed() {
    return roundsFailed;
  }

  void round(RoundStatus status) {
    if (status.kind() == RoundStatus.Kind.OPENED) {
      currentRound = Math.max(currentRound, status.round());
    } else {
      lastOutcome = status;
      if (status.kind() == RoundStatus.Kind.COMPLETED) {
        roundsOk++;
      } else {
        roundsFailed++;
      }
    }
    listeners.forEach(Listener::statusChanged);
  }
}
