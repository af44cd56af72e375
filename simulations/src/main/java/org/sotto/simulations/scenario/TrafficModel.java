package org.sotto.simulations.scenario;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sotto.core.message.ConversationRatchet;

/**
 * The users of a scenario, simulated round by round: a discrete-event model on the round clock.
 *
 * <ul>
 *   <li><b>Churn</b>: each user alternates online and offline sessions of geometric length (means
 *       from the scenario), starting in the stationary mix; going offline ends a conversation.
 *   <li><b>Conversations</b>: each round, an online user who is not talking opens a conversation
 *       with probability {@code start-probability}, with a contact chosen by
 *       {@link ContactPreference}; it starts only if that contact is online and free, and lasts a
 *       geometric number of rounds.
 *   <li><b>Dead drops</b>: each conversation has its own key ratchet
 *       ({@link ConversationRatchet}, the clients' code), so its dead drop changes every round.
 *   <li><b>Messages</b> (what the baseline carries): each partner of a running conversation types
 *       a message in a round with probability {@code message-probability}.
 * </ul>
 */
public final class TrafficModel {
  private final Scenario.Conversations talk;
  private final Scenario.Churn churn;
  private final ContactPreference preference;
  private final RandomGenerator random;
  private final EventQueue events = new EventQueue();
  private final BitSet online = new BitSet();
  private final Conversation[] conversationOf;
  private final List<Conversation> running = new ArrayList<>();
  private long round = -1;

  private static final class Conversation {
    final int a;
    final int b;
    final ConversationRatchet ratchet;

    Conversation(int a, int b, ConversationRatchet ratchet) {
      this.a = a;
      this.b = b;
      this.ratchet = ratchet;
    }
  }

  public TrafficModel(Scenario scenario, ContactGraph graph, RandomGenerator random) {
    this.talk = scenario.conversations();
    this.churn = scenario.churn();
    this.random = random;
    this.preference = new ContactPreference(graph, talk.contactPreference(), random);
    this.conversationOf = new Conversation[graph.users()];
    double onlineShare = churn.meanOnlineRounds()
        / (churn.meanOnlineRounds() + churn.meanOfflineRounds());
    for (int u = 0; u < graph.users(); u++) {
      if (random.nextDouble() < onlineShare) {
        online.set(u);
      }
      scheduleToggle(u, 0);
    }
  }

  /** Advances the clock one round and reports what happened in it. */
  public RoundActivity next() {
    round++;
    events.runUntil(round);
    startConversations();
    List<RoundActivity.Talk> talks = new ArrayList<>(running.size());
    List<RoundActivity.Message> messages = new ArrayList<>();
    for (Conversation c : running) {
      talks.add(new RoundActivity.Talk(c.a, c.b, c.ratchet.advanceTo(round).deadDropId()));
      typeMaybe(c.a, c.b, messages);
      typeMaybe(c.b, c.a, messages);
    }
    return new RoundActivity(round, (BitSet) online.clone(), List.copyOf(talks),
        List.copyOf(messages));
  }

  private void typeMaybe(int sender, int recipient, List<RoundActivity.Message> out) {
    if (random.nextDouble() < talk.messageProbability()) {
      out.add(new RoundActivity.Message(sender, recipient));
    }
  }

  private void startConversations() {
    for (int u = online.nextSetBit(0); u >= 0; u = online.nextSetBit(u + 1)) {
      if (conversationOf[u] != null || random.nextDouble() >= talk.startProbability()) {
        continue;
      }
      int v = preference.choose(u, random);
      if (online.get(v) && conversationOf[v] == null) {
        start(u, v);
      }
    }
  }

  private void start(int u, int v) {
    byte[] chainKey = new byte[32];
    random.nextBytes(chainKey);
    Conversation c = new Conversation(u, v, new ConversationRatchet(chainKey, round));
    conversationOf[u] = c;
    conversationOf[v] = c;
    running.add(c);
    events.schedule(round + Durations.geometric(talk.meanLengthRounds(), random), () -> end(c));
  }

  private void end(Conversation c) {
    if (conversationOf[c.a] == c) {
      conversationOf[c.a] = null;
      conversationOf[c.b] = null;
      running.remove(c);
    }
  }

  private void scheduleToggle(int user, long from) {
    double mean = online.get(user) ? churn.meanOnlineRounds() : churn.meanOfflineRounds();
    events.schedule(from + Durations.geometric(mean, random), () -> toggle(user));
  }

  private void toggle(int user) {
    if (online.get(user)) {
      online.clear(user);
      if (conversationOf[user] != null) {
        end(conversationOf[user]);
      }
    } else {
      online.set(user);
    }
    scheduleToggle(user, round);
  }
}
