package org.sotto.core.wire;

/**
 * Every size on Sotto's wire, in one place. docs/protocol.md documents each one; changing a number
 * here changes the protocol and its test vectors.
 */
public final class WireSizes {
  private WireSizes() {}

  /** X25519 public keys, private keys and shared secrets. */
  public static final int X25519_KEY = 32;
  /** AES-256 key. */
  public static final int AES_KEY = 32;
  /** AES block and CBC IV. */
  public static final int AES_BLOCK = 16;
  /** HMAC-SHA256 key and tag. */
  public static final int MAC_KEY = 32;
  public static final int MAC_TAG = 32;
  /** ECDSA P-256 signature, r ‖ s, each 32 bytes big-endian. */
  public static final int SIGNATURE = 64;
  /** ECDSA P-256 public key, SEC1 uncompressed (0x04 ‖ x ‖ y). */
  public static final int SIGNING_PUBLIC_KEY = 65;
  /** ECDSA P-256 private scalar, big-endian. */
  public static final int SIGNING_PRIVATE_KEY = 32;

  /** Conversation message header: seq u32, ack u32, flags u16, length u16, 4 reserved zero bytes. */
  public static final int MESSAGE_HEADER = 16;
  /** Conversation message body: user text, zero-padded. */
  public static final int MESSAGE_BODY = 240;
  /** Signed plaintext: header ‖ body ‖ signature. */
  public static final int MESSAGE_PLAINTEXT = MESSAGE_HEADER + MESSAGE_BODY + SIGNATURE; // 320
  /** Sealed message: IV ‖ AES-256-CBC(plaintext) ‖ HMAC tag. */
  public static final int SEALED_MESSAGE = AES_BLOCK + MESSAGE_PLAINTEXT + MAC_TAG; // 368

  /** Dead-drop identifier. */
  public static final int DEAD_DROP_ID = 16;
  /** Exchange request: dead-drop ID ‖ sealed message. What the dead drop sees. */
  public static final int EXCHANGE_REQUEST = DEAD_DROP_ID + SEALED_MESSAGE; // 384
  /** Dead-drop answer: the partner's sealed message, or all zeros. */
  public static final int EXCHANGE_REPLY = SEALED_MESSAGE; // 368

  /** Bytes one onion layer adds: ephemeral X25519 key ‖ CBC ciphertext (same size) ‖ HMAC tag. */
  public static final int ONION_LAYER_OVERHEAD = X25519_KEY + MAC_TAG; // 64
  /** Bytes one reply layer adds: CBC ciphertext (same size) ‖ HMAC tag. */
  public static final int REPLY_LAYER_OVERHEAD = MAC_TAG; // 32

  /** Longest username, in ASCII bytes (usernames are [a-z0-9_]; directory.proto). */
  public static final int USERNAME_MAX = 32;
  /**
   * The signed part of an invitation: name length u8 ‖ name (32, zero-padded) ‖ caller's signing
   * key (65) ‖ caller's X25519 key (32) ‖ start round u64 ‖ 6 zero bytes.
   */
  public static final int INVITATION_SIGNED_FIELDS =
      1 + USERNAME_MAX + SIGNING_PUBLIC_KEY + X25519_KEY + 8 + 6; // 144
  /** InvitationBody plaintext: signed fields ‖ the caller's signature over them (and context). */
  public static final int INVITATION_PLAINTEXT = INVITATION_SIGNED_FIELDS + SIGNATURE; // 208
  /** Sealed invitation: ephemeral X25519 key ‖ AES-256-CBC(plaintext) ‖ HMAC tag. */
  public static final int INVITATION = X25519_KEY + INVITATION_PLAINTEXT + MAC_TAG; // 272
  /** Dialing request header: bucket u32 ‖ 12 zero bytes, so requests are whole AES blocks. */
  public static final int DIALING_HEADER = 16;
  /** Dialing request: header ‖ sealed invitation. What the last mix reads after peeling. */
  public static final int DIALING_REQUEST = DIALING_HEADER + INVITATION; // 288

  /** Size of an onion that still has {@code layers} layers to peel. */
  public static int onionSize(int layers) {
    return EXCHANGE_REQUEST + layers * ONION_LAYER_OVERHEAD;
  }

  /** Size of a reply that carries {@code layers} reply layers. */
  public static int replySize(int layers) {
    return EXCHANGE_REPLY + layers * REPLY_LAYER_OVERHEAD;
  }

  /** Size of a dialing onion that still has {@code layers} layers to peel. */
  public static int dialingOnionSize(int layers) {
    return DIALING_REQUEST + layers * ONION_LAYER_OVERHEAD;
  }
}
