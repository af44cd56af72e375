package org.sotto.client.dialing;

import java.util.HexFormat;
import org.sotto.client.identity.Contact;

/**
 * A verified invitation: sealed to this client's dialing key, signed by the identity key it
 * names, and vouched for by the {@link CallerCheck} (which binds the name to those keys).
 *
 * @param caller who is calling, with both identity keys
 * @param startRound the conversation round the caller's conversation starts from
 * @param dialingRound the dialing round it arrived in
 * @param callSecret the call's secret (§14.8), which the conversation's root takes
 */
public record IncomingInvitation(Contact caller, long startRound, long dialingRound,
    byte[] callSecret) {

  /** Identifies the call: the same caller key and start round is the same call, resent. */
  String callKey() {
    return HexFormat.of().formatHex(caller.signingPublicKey()) + "/" + startRound;
  }
}
