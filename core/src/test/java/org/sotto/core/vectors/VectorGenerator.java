package org.sotto.core.vectors;

import static org.sotto.core.vectors.VectorFiles.hex;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.BouncyCastleX25519;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.Labels;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.message.ConversationMessage;
import org.sotto.core.dialing.CallSecret;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.message.MessageHeader;
import org.sotto.core.message.MessageKeys;
import org.sotto.core.message.MessageSealer;
import org.sotto.core.message.RoundKeys;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.onion.ReplyKey;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.cluster.ClusterId;
import org.sotto.core.config.HostPort;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundKind;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.dialing.DialingBucket;
import org.sotto.core.dialing.DialingKey;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.dialing.InvitationBody;
import org.sotto.core.dialing.InvitationBox;
import org.sotto.core.wire.ExchangeRequest;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * Writes docs/vectors/*.json. Every input comes from a fixed seed label (see {@link #seed}), and
 * every signature is RFC 6979 deterministic, so running it again gives the same files byte for
 * byte; VectorsTest checks that too.
 *
 * <pre>
 * ./mvnw -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.sotto.core.vectors.VectorGenerator
 * </pre>
 */
public final class VectorGenerator {
  static final long START_ROUND = 1000;
  static final long ROUND = 1003;
  static final int MIXES = 3;
  static final long DIALING_ROUND = 42;
  /** The key epoch of bob's dialing key in dialing.json (§14.8). */
  static final long KEY_EPOCH = 20_425;
  static final int BUCKETS = 16;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final BigInteger P256_N = new BigInteger(
      "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  /** Bouncy Castle: the vectors must not depend on which native library loaded. */
  private final X25519 x25519 = new BouncyCastleX25519();

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : VectorFiles.dir();
    Map<String, ObjectNode> files = new VectorGenerator().generate();
    for (Map.Entry<String, ObjectNode> e : files.entrySet()) {
      VectorFiles.write(dir, e.getKey(), e.getValue());
    }
    System.out.println("wrote " + files.keySet() + " to " + dir.toAbsolutePath());
  }

  /**
   * n bytes: SHA-256("sotto/v1/test-vector/" ‖ label ‖ u32be(0)) ‖ SHA-256(… ‖ u32be(1)) ‖ …,
   * truncated.
   */
  static byte[] seed(String label, int n) {
    try {
      byte[] out = new byte[n];
      byte[] prefix = ("sotto/v1/test-vector/" + label).getBytes(StandardCharsets.US_ASCII);
      for (int block = 0; block * 32 < n; block++) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prefix);
        sha.update(ByteBuffer.allocate(4).putInt(block).array());
        byte[] h = sha.digest();
        System.arraycopy(h, 0, out, block * 32, Math.min(32, n - block * 32));
      }
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything the generator writes, by file name. */
  Map<String, ObjectNode> generate() throws RejectedInputException {
    Map<String, ObjectNode> files = new LinkedHashMap<>();
    Conversation conv = conversation();
    files.put(VectorFiles.SEALED_MESSAGE, conv.json);
    files.put(VectorFiles.ONION_LAYER, oneLayer(conv.aliceRequest));
    files.put(VectorFiles.ONION_3_LAYER, threeLayers(conv.aliceRequest));
    files.put(VectorFiles.REPLY, reply(conv.aliceRequest, conv.bobSealed));
    files.put(VectorFiles.DIALING, dialing());
    return files;
  }

  // ---------------------------------------------------------------- dialing.json

  /**
   * alice dials bob in dialing round {@link #DIALING_ROUND} with {@link #BUCKETS} buckets: the
   * invitation plaintext, its signature, the sealed box, bob's bucket, the dialing request and
   * the 3-layer dialing onion (docs/protocol.md section 14).
   */
  private ObjectNode dialing() throws RejectedInputException {
    Party alice = party("alice");
    Party bob = party("bob");
    InvitationBody body = new InvitationBody("alice", alice.signing().publicKey(),
        alice.dh().publicKey(), START_ROUND);
    // sealed to bob's dialing key of the epoch (§14.8); its ephemeral key is the call's, so the
    // call secret here is the one sealed-message.json's conversation was started with
    X25519KeyPair bobDialing = keyPairOf(seed("bob/dialing-private", 32));
    DialingKey published = DialingKey.sign(bob.signing().privateKey(), "bob", KEY_EPOCH,
        bobDialing.publicKey());
    X25519KeyPair eph = keyPairOf(seed("alice/call-ephemeral", 32));
    byte[] sealed = InvitationBox.seal(body, alice.signing().privateKey(), bobDialing.publicKey(),
        DIALING_ROUND, x25519, eph.privateKey());
    InvitationBody opened = InvitationBox.open(sealed, bobDialing, DIALING_ROUND, x25519);
    if (!opened.callerUsername().equals("alice") || opened.startRound() != START_ROUND) {
      throw new IllegalStateException("the dialing vector does not open to its invitation");
    }
    int bucket = DialingBucket.of("bob", BUCKETS);
    byte[] request = new DialingRequest(bucket, sealed).encode();
    List<X25519KeyPair> mixes = mixKeys();
    List<X25519KeyPair> layerEphemerals = new ArrayList<>();
    for (int i = 1; i <= MIXES; i++) {
      layerEphemerals.add(keyPair("dialing/layer-ephemeral-" + i));
    }
    WrappedOnion onion = new OnionWrapper(x25519, RoundKind.DIALING).wrap(DIALING_ROUND,
        mixes.stream().map(X25519KeyPair::publicKey).toList(), request,
        layerEphemerals.stream().map(X25519KeyPair::privateKey).toList());
    byte[] shared = x25519.sharedSecret(eph.privateKey(), bobDialing.publicKey());
    byte[] salt = concat(ByteBuffer.allocate(8).putLong(DIALING_ROUND).array(), eph.publicKey(),
        bobDialing.publicKey());

    ObjectNode o = F.objectNode();
    o.put("description", "alice (caller) dials bob (callee; keys as in sealed-message.json) in "
        + "a dialing round with " + BUCKETS + " buckets: bob's signed dialing key of the epoch, "
        + "the invitation sealed to it, the call secret, bucket, dialing request and the dialing onion for the 3 mixes of onion-3-layer.json. See "
        + "docs/protocol.md section 14.");
    o.put("dialing_round", DIALING_ROUND);
    o.put("bucket_count", BUCKETS);
    ObjectNode key = o.putObject("callee_dialing_key");
    key.put("epoch", KEY_EPOCH);
    key.put("private", hex(bobDialing.privateKey()));
    key.put("public", hex(bobDialing.publicKey()));
    key.put("signed_bytes", hex(DialingKey.signedBytes("bob", KEY_EPOCH,
        bobDialing.publicKey())));
    key.put("signature", hex(published.signature()));
    key.put("call_secret", hex(CallSecret.forCaller(x25519, eph.privateKey(),
        bobDialing.publicKey())));
    o.put("caller", "alice");
    o.put("callee", "bob");
    o.put("start_round", START_ROUND);
    byte[] okm = Hkdf.derive(shared, salt, Labels.INVITATION_BOX, 80);
    byte[] plaintext = new byte[WireSizes.INVITATION_PLAINTEXT];
    AesCbc.decrypt(Arrays.copyOfRange(okm, 0, 32), okm, 64, sealed, WireSizes.X25519_KEY,
        plaintext.length, plaintext, 0);
    int signedFields = WireSizes.INVITATION_SIGNED_FIELDS;
    o.put("plaintext", hex(plaintext));
    o.put("signed_bytes", hex(concat(Labels.INVITATION_SIGNATURE,
        ByteBuffer.allocate(8).putLong(DIALING_ROUND).array(), bobDialing.publicKey(),
        Arrays.copyOf(plaintext, signedFields))));
    o.put("signature", hex(Arrays.copyOfRange(plaintext, signedFields, plaintext.length)));
    o.put("ephemeral_private", hex(eph.privateKey()));
    o.put("ephemeral_public", hex(eph.publicKey()));
    o.put("shared_secret", hex(shared));
    o.put("hkdf_salt", hex(salt));
    o.put("hkdf_info", hex(Labels.INVITATION_BOX));
    o.put("okm", hex(okm));
    o.put("sealed_invitation", hex(sealed));
    o.put("bucket_hash", hex(sha256(concat(Labels.DIALING_BUCKET,
        "bob".getBytes(StandardCharsets.US_ASCII)))));
    o.put("bucket", bucket);
    o.put("dialing_request", hex(request));
    ArrayNode eJson = o.putArray("layer_ephemerals");
    layerEphemerals.forEach(e -> eJson.add(keyPairJson(e)));
    o.put("layer_hkdf_info", hex(RoundKind.DIALING.layerLabel()));
    o.put("onion", hex(onion.onion()));
    onion.destroy();
    return o;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- sealed-message.json

  private record Party(String name, X25519KeyPair dh, Ecdsa.KeyPair signing) {}

  private record Conversation(ObjectNode json, byte[] aliceRequest, byte[] bobSealed) {}

  private Party party(String name) {
    byte[] dhPriv = seed(name + "/dh-private", 32);
    byte[] sigPriv = seed(name + "/signing-private", 32);
    BigInteger d = new BigInteger(1, sigPriv);
    if (d.signum() == 0 || d.compareTo(P256_N) >= 0) {
      throw new IllegalStateException("seed gave an invalid P-256 scalar for " + name);
    }
    return new Party(name, new X25519KeyPair(dhPriv, x25519.publicKey(dhPriv)),
        new Ecdsa.KeyPair(sigPriv, Ecdsa.publicKey(sigPriv)));
  }

  private static ObjectNode partyJson(Party p) {
    ObjectNode o = F.objectNode();
    o.put("dh_private", hex(p.dh().privateKey()));
    o.put("dh_public", hex(p.dh().publicKey()));
    o.put("signing_private", hex(p.signing().privateKey()));
    o.put("signing_public", hex(p.signing().publicKey()));
    return o;
  }

  private Conversation conversation() throws RejectedInputException {
    Party alice = party("alice");
    Party bob = party("bob");
    byte[] shared = x25519.sharedSecret(alice.dh().privateKey(), bob.dh().publicKey());
    boolean aliceFirst = Arrays.compareUnsigned(alice.dh().publicKey(), bob.dh().publicKey()) <= 0;
    byte[] salt = concat(aliceFirst ? alice.dh().publicKey() : bob.dh().publicKey(),
        aliceFirst ? bob.dh().publicKey() : alice.dh().publicKey());

    // the call that started it: alice's ephemeral key with bob's dialing key of the epoch (§14.8)
    byte[] bobDialingPrivate = seed("bob/dialing-private", 32);
    byte[] bobDialingPublic = x25519.publicKey(bobDialingPrivate);
    byte[] callEphemeral = seed("alice/call-ephemeral", 32);
    byte[] callSecret = CallSecret.forCaller(x25519, callEphemeral, bobDialingPublic);
    ConversationRatchet ratchet = ConversationRatchet.start(x25519, alice.dh().privateKey(),
        alice.dh().publicKey(), bob.dh().publicKey(), callSecret, START_ROUND);
    byte[] root = ratchet.chainKey();
    List<String> chain = new ArrayList<>();
    RoundKeys keys = null;
    for (long r = START_ROUND; r <= ROUND; r++) {
      keys = ratchet.advanceTo(r);
      chain.add(hex(ratchet.chainKey()));
    }
    MessageKeys aliceKeys = keys.keysFor(alice.dh().publicKey());
    MessageKeys bobKeys = keys.keysFor(bob.dh().publicKey());

    ObjectNode o = F.objectNode();
    o.put("description", "One round of a conversation between alice and bob: the ratchet from "
        + "their X25519 identity keys and the secret of the call that started it, the dead-drop ID and per-direction message keys of round "
        + ROUND + ", and one sealed message each way. See docs/protocol.md sections 4 and 5.");
    o.set("alice", partyJson(alice));
    o.set("bob", partyJson(bob));
    o.put("start_round", START_ROUND);
    o.put("round", ROUND);
    o.put("shared_secret", hex(shared));
    ObjectNode call = o.putObject("call");
    call.put("callee_dialing_private", hex(bobDialingPrivate));
    call.put("callee_dialing_public", hex(bobDialingPublic));
    call.put("caller_ephemeral_private", hex(callEphemeral));
    call.put("caller_ephemeral_public", hex(x25519.publicKey(callEphemeral)));
    call.put("call_secret", hex(callSecret));
    o.put("root_ikm", hex(concat(shared, callSecret)));
    o.put("root_salt", hex(salt));
    o.put("root_info", hex(concat(Labels.CONVERSATION_ROOT,
        ByteBuffer.allocate(8).putLong(START_ROUND).array())));
    o.put("root_chain_key", hex(root));
    ArrayNode chainJson = o.putArray("chain_keys");
    chain.forEach(chainJson::add);
    o.put("chain_key", chain.get(chain.size() - 1));
    o.put("dead_drop_id", hex(keys.deadDropId()));
    ObjectNode mk = o.putObject("message_keys");
    mk.set("alice_to_bob", keysJson(aliceKeys));
    mk.set("bob_to_alice", keysJson(bobKeys));

    ArrayNode messages = o.putArray("messages");
    byte[] aliceBody = "Hello Bob! This is Sotto's sealed-message test vector."
        .getBytes(StandardCharsets.UTF_8);
    MessageVector fromAlice = message(alice, aliceKeys, keys.deadDropId(),
        ConversationMessage.of(1, 0, 0, aliceBody), seed("alice/iv", 16));
    MessageVector fromBob = message(bob, bobKeys, keys.deadDropId(),
        ConversationMessage.of(0, 1, MessageHeader.FLAG_NO_DATA, new byte[0]),
        seed("bob/iv", 16));
    messages.add(fromAlice.json);
    messages.add(fromBob.json);
    return new Conversation(o, fromAlice.request, fromBob.sealed);
  }

  private static ObjectNode keysJson(MessageKeys k) {
    ObjectNode o = F.objectNode();
    o.put("encryption_key", hex(k.encryptionKey()));
    o.put("mac_key", hex(k.macKey()));
    o.put("signature_context", hex(k.signatureContext()));
    return o;
  }

  private record MessageVector(ObjectNode json, byte[] sealed, byte[] request) {}

  private static MessageVector message(Party sender, MessageKeys keys, byte[] deadDropId,
      ConversationMessage m, byte[] iv) {
    byte[] sealed = MessageSealer.seal(m, sender.signing().privateKey(), keys, iv);
    // Recompute the plaintext from the documented layout, to publish it and the signature.
    byte[] plain = new byte[WireSizes.MESSAGE_PLAINTEXT];
    ByteBuffer.wrap(plain).putInt((int) m.header().sequence())
        .putInt((int) m.header().acknowledgement()).putShort((short) m.header().flags())
        .putShort((short) m.header().length()).putInt(0).put(m.body());
    byte[] signature = Ecdsa.sign(sender.signing().privateKey(),
        concat(keys.signatureContext(), Arrays.copyOf(plain, 256)));
    System.arraycopy(signature, 0, plain, 256, 64);
    byte[] ct = new byte[WireSizes.MESSAGE_PLAINTEXT];
    AesCbc.encrypt(keys.encryptionKey(), iv, 0, plain, 0, plain.length, ct, 0);
    byte[] tag = HmacSha256.mac(keys.macKey(), concat(iv, ct));
    if (!Arrays.equals(sealed, concat(iv, ct, tag))) {
      throw new IllegalStateException("MessageSealer disagrees with the documented layout");
    }
    byte[] request = new ExchangeRequest(deadDropId, sealed).encode();

    ObjectNode o = F.objectNode();
    o.put("sender", sender.name());
    ObjectNode h = o.putObject("header");
    h.put("sequence", m.header().sequence());
    h.put("acknowledgement", m.header().acknowledgement());
    h.put("flags", m.header().flags());
    h.put("length", m.header().length());
    o.put("header_bytes", hex(Arrays.copyOf(plain, WireSizes.MESSAGE_HEADER)));
    o.put("body", hex(m.body()));
    o.put("body_utf8", new String(m.body(), StandardCharsets.UTF_8));
    o.put("signature", hex(signature));
    o.put("plaintext", hex(plain));
    o.put("iv", hex(iv));
    o.put("ciphertext", hex(ct));
    o.put("tag", hex(tag));
    o.put("sealed", hex(sealed));
    o.put("exchange_request", hex(request));
    return new MessageVector(o, sealed, request);
  }

  // ---------------------------------------------------------------- onion layers

  private X25519KeyPair keyPairOf(byte[] privateKey) {
    return new X25519KeyPair(privateKey, x25519.publicKey(privateKey));
  }

  private X25519KeyPair keyPair(String label) {
    byte[] priv = seed(label, 32);
    return new X25519KeyPair(priv, x25519.publicKey(priv));
  }

  private static ObjectNode keyPairJson(X25519KeyPair kp) {
    ObjectNode o = F.objectNode();
    o.put("private", hex(kp.privateKey()));
    o.put("public", hex(kp.publicKey()));
    return o;
  }

  /** The documented layer derivation, written out from docs/protocol.md (not LayerKeys). */
  ObjectNode layerSecrets(byte[] ephPriv, byte[] ephPub, byte[] mixPub, long round)
      throws RejectedInputException {
    byte[] shared = x25519.sharedSecret(ephPriv, mixPub);
    byte[] salt = concat(ByteBuffer.allocate(8).putLong(round).array(), ephPub, mixPub);
    byte[] okm = Hkdf.derive(shared, salt, Labels.ONION_LAYER, 160);
    ObjectNode o = F.objectNode();
    o.put("shared_secret", hex(shared));
    o.put("hkdf_salt", hex(salt));
    o.put("hkdf_info", hex(Labels.ONION_LAYER));
    o.put("okm", hex(okm));
    o.put("layer_enc_key", hex(Arrays.copyOfRange(okm, 0, 32)));
    o.put("layer_mac_key", hex(Arrays.copyOfRange(okm, 32, 64)));
    o.put("layer_iv", hex(Arrays.copyOfRange(okm, 64, 80)));
    o.put("reply_enc_key", hex(Arrays.copyOfRange(okm, 80, 112)));
    o.put("reply_mac_key", hex(Arrays.copyOfRange(okm, 112, 144)));
    o.put("reply_iv", hex(Arrays.copyOfRange(okm, 144, 160)));
    return o;
  }

  private ObjectNode oneLayer(byte[] request) throws RejectedInputException {
    X25519KeyPair mix = keyPair("onion-layer/mix-round-key");
    X25519KeyPair eph = keyPair("onion-layer/ephemeral");
    WrappedOnion wrapped = new OnionWrapper(x25519)
        .wrap(ROUND, List.of(mix.publicKey()), request, List.of(eph.privateKey()));
    byte[] layer = wrapped.onion();

    ObjectNode o = F.objectNode();
    o.put("description", "One onion layer: the exchange request alice sends in "
        + "sealed-message.json, wrapped for a single mix. See docs/protocol.md section 6.");
    o.put("round", ROUND);
    o.set("mix_round_key", keyPairJson(mix));
    o.set("ephemeral", keyPairJson(eph));
    o.put("input", hex(request));
    o.setAll(layerSecrets(eph.privateKey(), eph.publicKey(), mix.publicKey(), ROUND));
    o.put("ciphertext", hex(Arrays.copyOfRange(layer, 32, layer.length - 32)));
    o.put("tag", hex(Arrays.copyOfRange(layer, layer.length - 32, layer.length)));
    o.put("layer", hex(layer));
    return o;
  }

  private List<X25519KeyPair> mixKeys() {
    List<X25519KeyPair> mixes = new ArrayList<>();
    for (int i = 1; i <= MIXES; i++) {
      mixes.add(keyPair("onion-3-layer/mix-" + i + "/round-key"));
    }
    return mixes;
  }

  private List<X25519KeyPair> ephemerals() {
    List<X25519KeyPair> eph = new ArrayList<>();
    for (int i = 1; i <= MIXES; i++) {
      eph.add(keyPair("onion-3-layer/ephemeral-" + i));
    }
    return eph;
  }

  private ObjectNode threeLayers(byte[] request) throws RejectedInputException {
    List<X25519KeyPair> mixes = mixKeys();
    List<X25519KeyPair> eph = ephemerals();
    WrappedOnion wrapped = new OnionWrapper(x25519).wrap(ROUND,
        mixes.stream().map(X25519KeyPair::publicKey).toList(), request,
        eph.stream().map(X25519KeyPair::privateKey).toList());

    ObjectNode o = F.objectNode();
    o.put("description", "A full onion for a chain of " + MIXES + " mixes carrying alice's "
        + "exchange request from sealed-message.json, with what each mix sees. Positions are "
        + "0-based, as in the gRPC API: mix 1 is position 0 and peels first. See "
        + "docs/protocol.md sections 6, 8 and 9.");
    o.put("round", ROUND);
    ClusterDescriptor cluster = cluster();
    o.set("cluster", clusterJson(cluster));
    RoundTerms terms = RoundTerms.conversation(cluster.clusterId(), ROUND);
    RoundTerms dialingTerms = RoundTerms.dialing(cluster.clusterId(), DIALING_ROUND, BUCKETS);
    o.put("dialing_round", DIALING_ROUND);
    o.put("bucket_count", BUCKETS);
    ArrayNode mixesJson = o.putArray("mixes");
    for (int i = 0; i < MIXES; i++) {
      ObjectNode m = mixesJson.addObject();
      m.put("position", i);
      Ecdsa.KeyPair signing = mixSigningKey(i);
      m.put("round_private", hex(mixes.get(i).privateKey()));
      m.put("round_public", hex(mixes.get(i).publicKey()));
      m.put("signing_private", hex(signing.privateKey()));
      m.put("signing_public", hex(signing.publicKey()));
      m.put("round_key_signed_bytes",
          hex(RoundKeySignature.signedBytes(terms, i, mixes.get(i).publicKey())));
      m.put("round_key_signature",
          hex(RoundKeySignature.sign(terms, signing.privateKey(), i, mixes.get(i).publicKey())));
      // the same key signed for a dialing round: the layout with the dialing label and buckets
      m.put("dialing_round_key_signed_bytes",
          hex(RoundKeySignature.signedBytes(dialingTerms, i, mixes.get(i).publicKey())));
      m.put("dialing_round_key_signature", hex(RoundKeySignature.sign(dialingTerms,
          signing.privateKey(), i, mixes.get(i).publicKey())));
    }
    ArrayNode ephJson = o.putArray("ephemerals");
    eph.forEach(e -> ephJson.add(keyPairJson(e)));
    o.put("exchange_request", hex(request));
    o.put("onion", hex(wrapped.onion()));

    ArrayNode peels = o.putArray("peels");
    byte[] current = wrapped.onion();
    for (int i = 0; i < MIXES; i++) {
      PeeledLayer p = new OnionPeeler(x25519, ROUND, mixes.get(i), MIXES - i).peel(current);
      ObjectNode peel = peels.addObject();
      peel.put("position", i);
      peel.put("input_length", current.length);
      peel.put("ephemeral_public", hex(p.ephemeralKey()));
      peel.setAll(layerSecrets(eph.get(i).privateKey(), eph.get(i).publicKey(),
          mixes.get(i).publicKey(), ROUND));
      peel.put("inner", hex(p.inner()));
      current = p.inner();
    }
    if (!Arrays.equals(current, request)) {
      throw new IllegalStateException("the last peel does not give the exchange request");
    }
    return o;
  }

  private static Ecdsa.KeyPair mixSigningKey(int position) {
    return signingKey("onion-3-layer/mix-" + (position + 1) + "/signing");
  }

  /** The cluster of the 3-layer vector: its mixes' signing keys and the default settings. */
  static ClusterDescriptor cluster() {
    List<ClusterDescriptor.MixEntry> mixes = new ArrayList<>();
    for (int i = 0; i < MIXES; i++) {
      mixes.add(new ClusterDescriptor.MixEntry("mix-" + (i + 1),
          new HostPort("127.0.0.1", 7101 + i), hex(mixSigningKey(i).publicKey())));
    }
    return new ClusterDescriptor("vectors", new HostPort("127.0.0.1", 7100), mixes,
        List.of(new ClusterDescriptor.DeadDropEntry("deaddrop-1",
            new HostPort("127.0.0.1", 7201))), "(not part of the cluster id)", 2000, 1,
        new ClusterDescriptor.NoiseSettings(113568, 5523),
        new ClusterDescriptor.DialingSettings(10_000, 1000, 4096,
            new ClusterDescriptor.NoiseSettings(23406, 1238)));
  }

  private static ObjectNode clusterJson(ClusterDescriptor d) {
    ObjectNode c = F.objectNode();
    c.put("description", "The parameters the cluster id covers (docs/protocol.md section 9), "
        + "their canonical encoding and its SHA-256.");
    c.put("name", d.name());
    ArrayNode mixes = c.putArray("mixes");
    d.mixes().forEach(m -> mixes.addObject().put("name", m.name())
        .put("signing_key", m.signingKey()));
    c.put("round_interval_ms", d.roundIntervalMs());
    c.put("slots_per_round", d.slotsPerRound());
    c.put("noise_mu", d.noise().mu());
    c.put("noise_b", d.noise().b());
    c.put("dialing_round_interval_ms", d.dialing().roundIntervalMs());
    c.put("users_per_bucket", d.dialing().usersPerBucket());
    c.put("max_buckets", d.dialing().maxBuckets());
    c.put("dialing_noise_mu", d.dialing().noise().mu());
    c.put("dialing_noise_b", d.dialing().noise().b());
    c.put("canonical_bytes", hex(ClusterId.canonicalBytes(d)));
    c.put("cluster_id", hex(d.clusterId()));
    return c;
  }

  private static Ecdsa.KeyPair signingKey(String label) {
    byte[] priv = seed(label, 32);
    BigInteger d = new BigInteger(1, priv);
    if (d.signum() == 0 || d.compareTo(P256_N) >= 0) {
      throw new IllegalStateException("seed gave an invalid P-256 scalar for " + label);
    }
    return new Ecdsa.KeyPair(priv, Ecdsa.publicKey(priv));
  }

  // ---------------------------------------------------------------- reply.json

  private ObjectNode reply(byte[] request, byte[] answer) throws RejectedInputException {
    List<X25519KeyPair> mixes = mixKeys();
    List<X25519KeyPair> eph = ephemerals();
    WrappedOnion wrapped = new OnionWrapper(x25519).wrap(ROUND,
        mixes.stream().map(X25519KeyPair::publicKey).toList(), request,
        eph.stream().map(X25519KeyPair::privateKey).toList());
    List<ReplyKey> mixReplyKeys = new ArrayList<>();
    byte[] current = wrapped.onion();
    for (int i = 0; i < MIXES; i++) {
      PeeledLayer p = new OnionPeeler(x25519, ROUND, mixes.get(i), MIXES - i).peel(current);
      mixReplyKeys.add(p.replyKey());
      current = p.inner();
    }

    ObjectNode o = F.objectNode();
    o.put("description", "The dead drop pairs alice's request (onion-3-layer.json) with bob's "
        + "and answers alice with bob's sealed message; mix 3, then 2, then 1 (0-based positions "
        + "2, 1, 0) each add a reply layer under the reply key of the onion layer they peeled. "
        + "See docs/protocol.md section 7.");
    o.put("round", ROUND);
    o.put("answer", hex(answer));
    ArrayNode layers = o.putArray("layers");
    byte[] reply = answer;
    for (int i = MIXES - 1; i >= 0; i--) {
      ObjectNode secrets = layerSecrets(eph.get(i).privateKey(), eph.get(i).publicKey(),
          mixes.get(i).publicKey(), ROUND);
      byte[] sealed = mixReplyKeys.get(i).seal(reply);
      ObjectNode l = layers.addObject();
      l.put("position", i);
      l.set("reply_enc_key", secrets.get("reply_enc_key"));
      l.set("reply_mac_key", secrets.get("reply_mac_key"));
      l.set("reply_iv", secrets.get("reply_iv"));
      l.put("input_length", reply.length);
      l.put("output", hex(sealed));
      reply = sealed;
    }
    o.put("delivered", hex(reply));
    return o;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
