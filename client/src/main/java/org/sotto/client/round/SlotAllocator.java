package org.sotto.client.round;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.client.conversation.Conversation;

/**
 * Shares a client's fixed slots among its conversations. With no more conversations than slots,
 * each conversation uses a slot every round; with more, they take turns round by round (offset =
 * round mod count). A peer whose partner skipped a round finds an empty dead drop and sends again,
 * so turns cost latency, never messages. Free slots carry cover traffic.
 */
public final class SlotAllocator implements RoundTraffic {
  private final List<Conversation> conversations = new CopyOnWriteArrayList<>();
  private final Map<Long, Conversation[]> used = new HashMap<>();

  public void add(Conversation conversation) {
    conversations.add(conversation);
  }

  public void remove(Conversation conversation) {
    conversations.remove(conversation);
  }

  @Override
  public List<byte[]> requestsFor(long round, int slots) {
    List<Conversation> all = List.copyOf(conversations);
    Conversation[] bySlot = new Conversation[slots];
    List<byte[]> requests = new ArrayList<>(slots);
    int take = Math.min(slots, all.size());
    for (int slot = 0; slot < slots; slot++) {
      if (slot < take) {
        Conversation c = all.get((int) ((round + slot) % all.size()));
        bySlot[slot] = c;
        requests.add(c.requestFor(round));
      } else {
        requests.add(CoverTraffic.request());
      }
    }
    synchronized (used) {
      used.put(round, bySlot);
    }
    return requests;
  }

  @Override
  public void submitted(long round) {
    Conversation[] bySlot;
    synchronized (used) {
      Conversation[] all = used.get(round);
      bySlot = all == null ? new Conversation[0] : all.clone();
    }
    for (Conversation c : bySlot) {
      if (c != null) {
        c.submitted(round);
      }
    }
  }

  @Override
  public void answered(long round, int slot, byte[] answer) {
    Conversation c = conversationAt(round, slot);
    if (c != null) {
      c.answered(round, answer);
    }
  }

  @Override
  public void lost(long round, int slot, String why) {
    Conversation c = conversationAt(round, slot);
    if (c != null) {
      c.lost(round);
    }
  }

  private Conversation conversationAt(long round, int slot) {
    synchronized (used) {
      Conversation[] bySlot = used.get(round);
      if (bySlot == null) {
        return null;
      }
      Conversation c = bySlot[slot];
      bySlot[slot] = null;
      if (java.util.Arrays.stream(bySlot).allMatch(java.util.Objects::isNull)) {
        used.remove(round);
      }
      return c;
    }
  }
}
