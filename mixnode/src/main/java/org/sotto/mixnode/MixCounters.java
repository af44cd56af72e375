package org.sotto.mixnode;

/**
 * A mix node's conversation-round totals (noise counted in requests); {@link MixMetrics} exports
 * them. A type of its own so the conversation and dialing totals cannot be mixed up.
 */
public final class MixCounters extends BatchCounters {
  public MixCounters() {}
}
