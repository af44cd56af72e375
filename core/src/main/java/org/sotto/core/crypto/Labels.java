package org.sotto.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Every key-derivation and signing label, as ASCII bytes. docs/protocol.md lists them; a change here
 * is a protocol change.
 */
public final class Labels {
  private Labels() {}

  /** HKDF info for the root key of a conversation. */
  public static final byte[] CONVERSATION_ROOT = ascii("sotto/v3/conversation-root");
  /** HKDF info of the secret a call adds to its conversation's root. */
  public static final byte[] CALL_SECRET = ascii("sotto/v3/call-secret");
  /** Prefix of what a user signs to publish their dialing key of one epoch. */
  public static final byte[] DIALING_KEY = ascii("sotto/v3/dialing-key");
  /** HMAC message that steps a conversation's chain key to the next round. */
  public static final byte[] RATCHET_STEP = ascii("sotto/v1/ratchet-step");
  /** HMAC prefix of the dead-drop ID of a round. */
  public static final byte[] DEAD_DROP_ID = ascii("sotto/v1/dead-drop-id");
  /** HKDF info prefix for the message keys of one sender in one round. */
  public static final byte[] MESSAGE_KEYS = ascii("sotto/v2/message-keys");
  /** Prefix of what a sender signs in a conversation message. */
  public static final byte[] MESSAGE_SIGNATURE = ascii("sotto/v2/message-signature");
  /** HKDF info for the keys of one onion layer. */
  public static final byte[] ONION_LAYER = ascii("sotto/v1/onion-layer");
  /** HKDF info for the keys of one onion layer of a dialing onion. */
  public static final byte[] DIALING_LAYER = ascii("sotto/v1/dialing-layer");
  /** Prefix of what a mix node signs to certify its key for one dialing round. */
  public static final byte[] DIALING_ROUND_KEY_SIGNATURE = ascii("sotto/v2/dialing-round-key");
  /** SHA-256 prefix of the dialing bucket of a username. */
  public static final byte[] DIALING_BUCKET = ascii("sotto/v1/dialing-bucket");
  /** HKDF info for the keys of the box an invitation is sealed in. */
  public static final byte[] INVITATION_BOX = ascii("sotto/v1/invitation-box");
  /** Prefix of what a caller signs in an invitation. */
  public static final byte[] INVITATION_SIGNATURE = ascii("sotto/v1/invitation-signature");
  /** Prefix of what a mix node signs to certify its round key. */
  public static final byte[] ROUND_KEY_SIGNATURE = ascii("sotto/v2/round-key");
  /** SHA-256 prefix of the cluster identity that round-key signatures bind. */
  public static final byte[] CLUSTER_ID = ascii("sotto/v2/cluster-id");
  /** HKDF-Expand info of the auth key a stretched password yields (sent to the directory). */
  public static final byte[] AUTH_KEY = ascii("sotto/v1/auth-key");
  /** HKDF-Expand info of the backup key a stretched password yields (never leaves the client). */
  public static final byte[] BACKUP_KEY = ascii("sotto/v1/backup-key");
  /** HKDF-Expand info of the key-backup cipher keys, and prefix of what the backup MAC covers. */
  public static final byte[] KEY_BACKUP = ascii("sotto/v1/key-backup");
  /** Prefix of what a new user signs to bind their name to their identity keys. */
  public static final byte[] IDENTITY = ascii("sotto/v1/identity");
  /** Prefix of what two users hash into the safety number they compare out of band. */
  public static final byte[] SAFETY_NUMBER = ascii("sotto/v1/safety-number");

  /** Prefix of what a session ticket's blind signature covers. */
  public static final byte[] SESSION_TICKET = ascii("sotto/v2/session-ticket");
  /** SHA-256 prefix of the value a session-ticket epoch's public exponent is derived from. */
  public static final byte[] SESSION_TICKET_EXPONENT = ascii("sotto/v2/session-ticket-exponent");
  /** Prefix of what an account signs to ask the directory for session tickets. */
  public static final byte[] TICKET_REQUEST = ascii("sotto/v2/ticket-request");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
