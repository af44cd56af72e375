package org.sotto.mixnode;

import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.server.CallerPolicy;
import org.sotto.core.tls.ClusterPeer;
import org.sotto.proto.MixDialingGrpc;
import org.sotto.proto.MixNodeGrpc;

/**
 * Who may call the mix at {@code position} in the chain (docs/operator-guide.md, "Who may call
 * whom"): round control of every kind only from the coordinator, and batches of every kind only
 * from the hop before it, the coordinator for the first mix and mix i−1 for mix i. So a shard's
 * or another mix's certificate can neither open, close nor feed this mix's rounds.
 */
final class MixCallers {
  private MixCallers() {}

  static CallerPolicy.Builder of(ClusterDescriptor descriptor, int position) {
    ClusterPeer coordinator = ClusterPeer.coordinator();
    ClusterPeer upstream = position == 0 ? coordinator
        : ClusterPeer.mix(descriptor.mixes().get(position - 1).name());
    return CallerPolicy.forServer(descriptor.mixes().get(position).name())
        .allow(MixNodeGrpc.getOpenRoundMethod(), coordinator)
        .allow(MixNodeGrpc.getCloseRoundMethod(), coordinator)
        .allow(MixNodeGrpc.getMixBatchMethod(), upstream)
        .allow(MixDialingGrpc.getOpenDialingRoundMethod(), coordinator)
        .allow(MixDialingGrpc.getCloseDialingRoundMethod(), coordinator)
        .allow(MixDialingGrpc.getMixDialingBatchMethod(), upstream);
  }
}
