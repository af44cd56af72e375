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
 *       With {@code diurnal-amplitude} A the mean offline spell that starts at round r is divided
 *       by 1 + A·sin(2πr / rounds per day), so people come online more by day than by night.
 *   <li><b>Calls</b>: a share {@code call-share} of the sessions are calls: the user comes online
 *       to talk to a contact (chosen by {@link ContactPreference}), the contact comes online too
 *       if it was offline, the conversation starts at once, and whoever came online for the call
 *       leaves when it ends. This is churn correlated with conversations ("partners come online
 *       together"), which independent churn cannot show.
 *   <li><b>Conversations</b>: each round, an online user who is not talking opens a conversation
 *       with probability {@code start-probability}, with a contact chosen by preference; it starts
 *       only if that contact is online and free, and lasts a geometric number of rounds. A
 *       permanent conversation survives offline spells and shows (one shared dead drop) in every
 *       round both partners are online, as the real client's conversations do; otherwise it ends
 *       when a partner leaves.
 *   <li><b>Dead drops</b>: each conversation has its own key ratchet
 *       ({@link ConversationRatchet}, the clients' code), so its dead drop changes every round.
 *   <li><b>Messages</b> (what the baseline carries): each partner of a running conversation types
 *       a message in a round with probability {@code message-probability}.
 * </ul>
 *
 * <p>Every pending session end carries the user's session number; a session that ended early (a
 * call ended, a partner's call brought the user online) bumps the number, so stale events are
 * ignored instead of being searched for and removed.
 */
public final class TrafficModel implements Traffic {
  private final Scenario.Conversations talk;
  private final Scenario.Churn churn;
  private final double roundsPerDay;
  private final ContactGraph graph;
  private final ContactPreference preference;
  private final RandomGenerator random;
  private final EventQueue events = new EventQueue();
  private final BitSet online = new BitSet();
  private final Conversation[] conversationOf;
  private final long[] session;
  private final BitSet cameForCall = new BitSet();
  private final List<Conversation> running = new ArrayList<>();
  private long round = -1;

  private record Conversation(int a, int b, boolean call, ConversationRatchet ratchet) {}

  public TrafficModel(Scenario scenario, ContactGraph graph, RandomGenerator random) {
    this.talk = scenario.conversations();
    this.churn = scenario.churn();
    this.roundsPerDay = 86_400_000.0 / scenario.sotto().roundIntervalMs();
    this.graph = graph;
    this.random = random;
    this.preference = new ContactPreference(graph, talk.contactPreference(), random);
    this.conversationOf = new Conversation[graph.users()];
    this.session = new long[graph.users()];
    double onlineShare = churn.meanOnlineRounds()
        / (churn.meanOnlineRounds() + churn.meanOfflineRounds());
    for (int u = 0; u < graph.users(); u++) {
      if (random.nextDouble() < onlineShare) {
        online.set(u);
      }
      scheduleSessionEnd(u, 0);
    }
  }

  @Override
  public ContactGraph contacts() {
    return graph;
  }

  @Override
  public RoundActivity next() {
    round++;
    events.runUntil(round);
    startConversations();
    List<RoundActivity.Talk> talks = new ArrayList<>(running.size());
    List<RoundActivity.Message> messages = new ArrayList<>();
    for (Conversation c : running) {
      if (!online.get(c.a) || !online.get(c.b)) {
        continue; // a permanent conversation waiting for a partner: both send cover-like singles
      }
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
        start(u, v, false);
      }
    }
  }

  private void start(int u, int v, boolean call) {
    byte[] chainKey = new byte[32];
    random.nextBytes(chainKey);
    Conversation c = new Conversation(u, v, call, new ConversationRatchet(chainKey, round));
    conversationOf[u] = c;
    conversationOf[v] = c;
    running.add(c);
    events.schedule(round + Durations.geometric(talk.meanLengthRounds(), random), () -> end(c));
  }

  private void end(Conversation c) {
    if (conversationOf[c.a] != c) {
      return; // already ended, by a partner leaving
    }
    conversationOf[c.a] = null;
    conversationOf[c.b] = null;
    running.remove(c);
    if (c.call) {
      for (int partner : new int[] {c.a, c.b}) {
        if (cameForCall.get(partner)) {
          goOffline(partner);
        }
      }
    }
  }

  private void comeOnline(int user) {
    online.set(user);
    int callee = random.nextDouble() < churn.callShare() ? preference.choose(user, random) : -1;
    if (callee < 0 || conversationOf[callee] != null) {
      scheduleSessionEnd(user, round);
      return;
    }
    cameForCall.set(user);
    session[user]++; // the call, not a timer, ends this session
    if (!online.get(callee)) {
      online.set(callee);
      cameForCall.set(callee);
      session[callee]++;
    }
    start(user, callee, true);
  }

  private void goOffline(int user) {
    online.clear(user);
    cameForCall.clear(user);
    if (conversationOf[user] != null && !talk.permanent()) {
      end(conversationOf[user]);
    }
    scheduleSessionEnd(user, round);
  }

  private void scheduleSessionEnd(int user, long from) {
    long mine = ++session[user];
    double mean = online.get(user) ? churn.meanOnlineRounds()
        : churn.meanOfflineRounds() / daytime(from);
    events.schedule(from + Durations.geometric(mean, random), () -> {
      if (session[user] == mine) {
        if (online.get(user)) {
          goOffline(user);
        } else {
          comeOnline(user);
        }
      }
    });
  }

  /** 1 + A·sin(2π·r / rounds per day): how much faster people come online at round r. */
  private double daytime(long r) {
    return 1 + churn.diurnalAmplitude() * Math.sin(2 * Math.PI * r / roundsPerDay);
  }
}
