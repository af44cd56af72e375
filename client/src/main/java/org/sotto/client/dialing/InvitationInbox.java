package org.sotto.client.dialing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invitations waiting for the user's answer, and the calls already seen. A caller whose round was
 * aborted (or who lost its connection) sends the same invitation again, same start round; the
 * user hears of each call once. Both maps are bounded: the oldest pending invitation is forgotten
 * first, as if ignored, which is what ignoring means here anyway.
 */
final class InvitationInbox {
  static final int MAX_PENDING = 100;
  static final int MAX_REMEMBERED = 10_000;

  private final Map<String, IncomingInvitation> pending = new LinkedHashMap<>();
  private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };

  /** Keeps a new call; returns false for one already seen (a resent invitation). */
  synchronized boolean add(IncomingInvitation invitation) {
    String key = invitation.callKey();
    if (seen.put(key, Boolean.TRUE) != null) {
      return false;
    }
    pending.put(key, invitation);
    if (pending.size() > MAX_PENDING) {
      pending.remove(pending.keySet().iterator().next());
    }
    return true;
  }

  /** Takes the invitation out; false if it was not pending. */
  synchronized boolean remove(IncomingInvitation invitation) {
    return pending.remove(invitation.callKey()) != null;
  }

  synchronized List<IncomingInvitation> pending() {
    return new ArrayList<>(pending.values());
  }
}
