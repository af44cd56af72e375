package org.sotto.client.dialing;

import org.sotto.client.identity.Contact;

/**
 * An invitation to talk: who calls (with the identity keys the invitation was sealed with) and the
 * conversation round both ratchets anchor at. Accepting it starts the conversation from that
 * round; declining or ignoring it sends nothing, so the caller cannot tell the difference.
 *
 * @param callSecret the call's secret (§14.8): kept until the invitation is answered, then gone
 */
public record Invitation(Contact caller, long startRound, long receivedUnixMs,
    byte[] callSecret) {}
