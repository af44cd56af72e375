package org.sotto.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sotto.core.vectors.VectorFiles.bytes;
import static org.sotto.core.vectors.VectorFiles.hex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.BouncyCastleX25519;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.Labels;
import org.sotto.core.crypto.SodiumX25519;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.dialing.CallSecret;
import org.sotto.core.message.ConversationMessage;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.message.MessageKeys;
import org.sotto.core.message.MessageSealer;
import org.sotto.core.message.RoundKeys;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.onion.ReplyKey;
import org.sotto.core.onion.WrappedOnion;
import java.security.MessageDigest;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.cluster.ClusterId;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.dialing.DialingBucket;
import org.sotto.core.dialing.DialingKey;
import org.sotto.core.dialing.InvitationBody;
import org.sotto.core.dialing.InvitationBox;
import org.sotto.core.round.RoundKind;
import org.sotto.core.wire.ExchangeRequest;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * The committed vectors in docs/vectors, checked both ways: building from each file's inputs
 * gives its expected bytes, and peeling or opening the expected bytes gives the inputs back.
 * Everything runs with both X25519 engines.
 */
class VectorsTest {
  private static final JsonNode SEALED = VectorFiles.read(VectorFiles.SEALED_MESSAGE);
  private static final JsonNode LAYER = VectorFiles.read(VectorFiles.ONION_LAYER);
  private static final JsonNode ONION = VectorFiles.read(VectorFiles.ONION_3_LAYER);
  private static final JsonNode REPLY = VectorFiles.read(VectorFiles.REPLY);
  private static final JsonNode DIALING = VectorFiles.read(VectorFiles.DIALING);

  static Stream<X25519> engines() {
    return Stream.of(new SodiumX25519(), new BouncyCastleX25519());
  }

  private static byte[] cbc(byte[] key, byte[] iv, byte[] plain) {
    byte[] out = new byte[plain.length];
    AesCbc.encrypt(key, iv, 0, plain, 0, plain.length, out, 0);
    return out;
  }

  private static byte[] uncbc(byte[] key, byte[] iv, byte[] ct) {
    byte[] out = new byte[ct.length];
    AesCbc.decrypt(key, iv, 0, ct, 0, ct.length, out, 0);
    return out;
  }

  private static MessageKeys messageKeys(String direction) {
    JsonNode k = SEALED.get("message_keys").get(direction);
    return new MessageKeys(bytes(k, "encryption_key"), bytes(k, "mac_key"),
        bytes(k, "signature_context"));
  }

  private static ConversationMessage message(JsonNode m) {
    JsonNode h = m.get("header");
    ConversationMessage msg = ConversationMessage.of(h.get("sequence").asLong(),
        h.get("acknowledgement").asLong(), h.get("flags").asInt(), bytes(m, "body"));
    assertThat(msg.header().length()).isEqualTo(h.get("length").asInt());
    return msg;
  }

  // ------------------------------------------------------------------ the files themselves

  @Test
  void theGeneratorReproducesTheCommittedFiles() throws Exception {
    Map<String, ObjectNode> generated = new VectorGenerator().generate();
    assertThat(generated).containsOnlyKeys(VectorFiles.SEALED_MESSAGE, VectorFiles.ONION_LAYER,
        VectorFiles.ONION_3_LAYER, VectorFiles.REPLY, VectorFiles.DIALING);
    for (Map.Entry<String, ObjectNode> e : generated.entrySet()) {
      String committed = Files.readString(VectorFiles.dir().resolve(e.getKey()));
      String fresh = VectorFiles.JSON.writeValueAsString(e.getValue()) + "\n";
      assertThat(committed.equals(fresh))
          .as("docs/vectors/%s differs from what VectorGenerator writes now; if the protocol "
              + "change is intended, regenerate it (see VectorGenerator)", e.getKey())
          .isTrue();
    }
  }

  @Test
  void sizesMatchTheWireTable() {
    assertThat(bytes(SEALED.get("messages").get(0), "sealed")).hasSize(WireSizes.SEALED_MESSAGE);
    assertThat(bytes(SEALED.get("messages").get(0), "exchange_request"))
        .hasSize(WireSizes.EXCHANGE_REQUEST);
    assertThat(bytes(LAYER, "layer")).hasSize(WireSizes.onionSize(1));
    assertThat(bytes(ONION, "onion")).hasSize(WireSizes.onionSize(3));
    assertThat(bytes(REPLY, "delivered")).hasSize(WireSizes.replySize(3));
  }

  // ------------------------------------------------------------------ sealed-message.json

  @ParameterizedTest
  @MethodSource("engines")
  void sealedMessageBuildsFromItsInputs(X25519 x) throws Exception {
    JsonNode alice = SEALED.get("alice");
    JsonNode bob = SEALED.get("bob");
    for (JsonNode p : List.of(alice, bob)) {
      assertThat(x.publicKey(bytes(p, "dh_private"))).isEqualTo(bytes(p, "dh_public"));
      assertThat(Ecdsa.publicKey(bytes(p, "signing_private")))
          .isEqualTo(bytes(p, "signing_public"));
    }
    assertThat(x.sharedSecret(bytes(alice, "dh_private"), bytes(bob, "dh_public")))
        .isEqualTo(bytes(SEALED, "shared_secret"));
    long start = SEALED.get("start_round").asLong();
    byte[] rootInfo = VectorGenerator.concat(Labels.CONVERSATION_ROOT,
        ByteBuffer.allocate(8).putLong(start).array());
    // the call: alice from her ephemeral key, bob from his dialing key, the same secret (§14.8)
    JsonNode call = SEALED.get("call");
    byte[] aliceCall = CallSecret.forCaller(x, bytes(call, "caller_ephemeral_private"),
        bytes(call, "callee_dialing_public"));
    byte[] bobCall = CallSecret.forCallee(x, new X25519KeyPair(bytes(call,
        "callee_dialing_private"), bytes(call, "callee_dialing_public")),
        bytes(call, "caller_ephemeral_public"));
    assertThat(aliceCall).isEqualTo(bobCall).isEqualTo(bytes(call, "call_secret"));
    assertThat(bytes(SEALED, "root_ikm")).isEqualTo(VectorGenerator.concat(
        bytes(SEALED, "shared_secret"), bytes(call, "call_secret")));
    assertThat(Hkdf.derive(bytes(SEALED, "root_ikm"), bytes(SEALED, "root_salt"),
        rootInfo, 32)).isEqualTo(bytes(SEALED, "root_chain_key"));
    assertThat(bytes(SEALED, "root_info")).isEqualTo(rootInfo);

    long round = SEALED.get("round").asLong();
    ConversationRatchet fromAlice = ConversationRatchet.start(x, bytes(alice, "dh_private"),
        bytes(alice, "dh_public"), bytes(bob, "dh_public"), aliceCall, start);
    ConversationRatchet fromBob = ConversationRatchet.start(x, bytes(bob, "dh_private"),
        bytes(bob, "dh_public"), bytes(alice, "dh_public"), bobCall, start);
    assertThat(fromAlice.chainKey()).isEqualTo(bytes(SEALED, "root_chain_key"));
    assertThat(fromBob.chainKey()).isEqualTo(bytes(SEALED, "root_chain_key"));
    JsonNode chain = SEALED.get("chain_keys");
    assertThat(chain).hasSize((int) (round - start + 1));
    RoundKeys keys = null;
    for (int i = 0; i < chain.size(); i++) {
      keys = fromAlice.advanceTo(start + i);
      assertThat(hex(fromAlice.chainKey())).isEqualTo(chain.get(i).asText());
    }
    RoundKeys bobKeys = fromBob.advanceTo(round);
    assertThat(hex(fromAlice.chainKey())).isEqualTo(SEALED.get("chain_key").asText());
    assertThat(keys.deadDropId()).isEqualTo(bytes(SEALED, "dead_drop_id"))
        .isEqualTo(bobKeys.deadDropId());
    for (RoundKeys k : List.of(keys, bobKeys)) {
      assertThat(k.keysFor(bytes(alice, "dh_public")).encryptionKey())
          .isEqualTo(messageKeys("alice_to_bob").encryptionKey());
      assertThat(k.keysFor(bytes(alice, "dh_public")).macKey())
          .isEqualTo(messageKeys("alice_to_bob").macKey());
      assertThat(k.keysFor(bytes(bob, "dh_public")).encryptionKey())
          .isEqualTo(messageKeys("bob_to_alice").encryptionKey());
      assertThat(k.keysFor(bytes(bob, "dh_public")).macKey())
          .isEqualTo(messageKeys("bob_to_alice").macKey());
      assertThat(k.keysFor(bytes(alice, "dh_public")).signatureContext())
          .isEqualTo(messageKeys("alice_to_bob").signatureContext())
          .isEqualTo(VectorGenerator.concat(Labels.MESSAGE_SIGNATURE, k.deadDropId(),
              bytes(alice, "dh_public")));
    }

    for (JsonNode m : SEALED.get("messages")) {
      boolean fromA = m.get("sender").asText().equals("alice");
      JsonNode sender = fromA ? alice : bob;
      MessageKeys mk = messageKeys(fromA ? "alice_to_bob" : "bob_to_alice");
      byte[] sealed = MessageSealer.seal(message(m), bytes(sender, "signing_private"), mk,
          bytes(m, "iv"));
      assertThat(hex(sealed)).isEqualTo(m.get("sealed").asText());
      assertThat(new ExchangeRequest(keys.deadDropId(), sealed).encode())
          .isEqualTo(bytes(m, "exchange_request"));

      // The same bytes from the documented layout, with generic primitives.
      byte[] plain = bytes(m, "plaintext");
      assertThat(Arrays.copyOf(plain, 16)).isEqualTo(bytes(m, "header_bytes"));
      assertThat(Ecdsa.sign(bytes(sender, "signing_private"),
          VectorGenerator.concat(mk.signatureContext(), Arrays.copyOf(plain, 256))))
          .isEqualTo(bytes(m, "signature"))
          .isEqualTo(Arrays.copyOfRange(plain, 256, 320));
      byte[] ct = cbc(mk.encryptionKey(), bytes(m, "iv"), plain);
      assertThat(ct).isEqualTo(bytes(m, "ciphertext"));
      byte[] tag = HmacSha256.mac(mk.macKey(), VectorGenerator.concat(bytes(m, "iv"), ct));
      assertThat(tag).isEqualTo(bytes(m, "tag"));
      assertThat(VectorGenerator.concat(bytes(m, "iv"), ct, tag)).isEqualTo(sealed);
    }
  }

  @Test
  void sealedMessagesOpenToTheirInputs() throws Exception {
    for (JsonNode m : SEALED.get("messages")) {
      boolean fromA = m.get("sender").asText().equals("alice");
      JsonNode sender = SEALED.get(fromA ? "alice" : "bob");
      MessageKeys mk = messageKeys(fromA ? "alice_to_bob" : "bob_to_alice");
      ExchangeRequest request = ExchangeRequest.parse(bytes(m, "exchange_request"));
      assertThat(request.deadDropId()).isEqualTo(bytes(SEALED, "dead_drop_id"));
      assertThat(request.sealedMessage()).isEqualTo(bytes(m, "sealed"));
      assertThat(MessageSealer.open(request.sealedMessage(), mk, bytes(sender, "signing_public")))
          .isEqualTo(message(m));

      byte[] sealed = bytes(m, "sealed");
      byte[] plain = uncbc(mk.encryptionKey(), Arrays.copyOf(sealed, 16),
          Arrays.copyOfRange(sealed, 16, 336));
      assertThat(plain).isEqualTo(bytes(m, "plaintext"));
      Ecdsa.verify(bytes(sender, "signing_public"),
          VectorGenerator.concat(mk.signatureContext(), Arrays.copyOf(plain, 256)),
          bytes(m, "signature"));
      int length = m.get("header").get("length").asInt();
      assertThat(Arrays.copyOfRange(plain, 16, 16 + length)).isEqualTo(bytes(m, "body"));
      assertThat(Arrays.copyOfRange(plain, 16 + length, 256)).containsOnly(0);
    }
  }

  // ------------------------------------------------------------------ onion-layer.json

  /** The documented layer derivation, from the file's fields only. */
  private static void checkLayerSecrets(X25519 x, JsonNode n, byte[] ephPriv, byte[] ephPub,
      byte[] mixPub, long round) throws Exception {
    assertThat(x.sharedSecret(ephPriv, mixPub)).isEqualTo(bytes(n, "shared_secret"));
    byte[] salt = VectorGenerator.concat(ByteBuffer.allocate(8).putLong(round).array(), ephPub,
        mixPub);
    assertThat(bytes(n, "hkdf_salt")).isEqualTo(salt);
    assertThat(bytes(n, "hkdf_info")).isEqualTo(Labels.ONION_LAYER);
    byte[] okm = Hkdf.derive(bytes(n, "shared_secret"), salt, Labels.ONION_LAYER, 160);
    assertThat(okm).isEqualTo(bytes(n, "okm"));
    assertThat(VectorGenerator.concat(bytes(n, "layer_enc_key"), bytes(n, "layer_mac_key"),
        bytes(n, "layer_iv"), bytes(n, "reply_enc_key"), bytes(n, "reply_mac_key"),
        bytes(n, "reply_iv"))).isEqualTo(okm);
  }

  /** A reply key seals exactly as the documented reply layer with the given secrets. */
  private static void checkReplyKey(ReplyKey key, JsonNode n) {
    byte[] probe = new byte[WireSizes.EXCHANGE_REPLY];
    Arrays.fill(probe, (byte) 0x5a);
    byte[] ct = cbc(bytes(n, "reply_enc_key"), bytes(n, "reply_iv"), probe);
    byte[] expected = VectorGenerator.concat(ct, HmacSha256.mac(bytes(n, "reply_mac_key"), ct));
    assertThat(key.seal(probe)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void onionLayerBuildsFromItsInputs(X25519 x) throws Exception {
    long round = LAYER.get("round").asLong();
    JsonNode mix = LAYER.get("mix_round_key");
    JsonNode eph = LAYER.get("ephemeral");
    assertThat(x.publicKey(bytes(mix, "private"))).isEqualTo(bytes(mix, "public"));
    assertThat(x.publicKey(bytes(eph, "private"))).isEqualTo(bytes(eph, "public"));
    checkLayerSecrets(x, LAYER, bytes(eph, "private"), bytes(eph, "public"),
        bytes(mix, "public"), round);

    WrappedOnion wrapped = new OnionWrapper(x).wrap(round, List.of(bytes(mix, "public")),
        bytes(LAYER, "input"), List.of(bytes(eph, "private")));
    assertThat(hex(wrapped.onion())).isEqualTo(LAYER.get("layer").asText());

    byte[] ct = cbc(bytes(LAYER, "layer_enc_key"), bytes(LAYER, "layer_iv"),
        bytes(LAYER, "input"));
    assertThat(ct).isEqualTo(bytes(LAYER, "ciphertext"));
    byte[] tag = HmacSha256.mac(bytes(LAYER, "layer_mac_key"), ct);
    assertThat(tag).isEqualTo(bytes(LAYER, "tag"));
    assertThat(VectorGenerator.concat(bytes(eph, "public"), ct, tag))
        .isEqualTo(bytes(LAYER, "layer"));
    checkReplyKey(wrapped.replyKeys().get(0), LAYER);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void onionLayerPeelsToItsInput(X25519 x) throws Exception {
    JsonNode mix = LAYER.get("mix_round_key");
    OnionPeeler peeler = new OnionPeeler(x, LAYER.get("round").asLong(),
        new X25519KeyPair(bytes(mix, "private"), bytes(mix, "public")), 1);
    PeeledLayer peeled = peeler.peel(bytes(LAYER, "layer"));
    assertThat(peeled.inner()).isEqualTo(bytes(LAYER, "input"));
    assertThat(peeled.ephemeralKey()).isEqualTo(bytes(LAYER.get("ephemeral"), "public"));
    checkReplyKey(peeled.replyKey(), LAYER);
    assertThat(uncbc(bytes(LAYER, "layer_enc_key"), bytes(LAYER, "layer_iv"),
        bytes(LAYER, "ciphertext"))).isEqualTo(bytes(LAYER, "input"));
  }

  // ------------------------------------------------------------------ onion-3-layer.json

  private static List<byte[]> mixPublics() {
    List<byte[]> out = new ArrayList<>();
    ONION.get("mixes").forEach(m -> out.add(bytes(m, "round_public")));
    return out;
  }

  private static List<byte[]> ephemeralPrivates() {
    List<byte[]> out = new ArrayList<>();
    ONION.get("ephemerals").forEach(e -> out.add(bytes(e, "private")));
    return out;
  }

  private static X25519KeyPair mixRoundKey(int i) {
    JsonNode m = ONION.get("mixes").get(i);
    return new X25519KeyPair(bytes(m, "round_private"), bytes(m, "round_public"));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void threeLayerOnionBuildsFromItsInputs(X25519 x) throws Exception {
    long round = ONION.get("round").asLong();
    JsonNode cluster = ONION.get("cluster");
    ClusterDescriptor descriptor = VectorGenerator.cluster();
    assertThat(ClusterId.canonicalBytes(descriptor)).isEqualTo(bytes(cluster, "canonical_bytes"));
    byte[] clusterId = bytes(cluster, "cluster_id");
    assertThat(descriptor.clusterId()).isEqualTo(clusterId)
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes(cluster, "canonical_bytes")));
    RoundTerms terms = RoundTerms.conversation(clusterId, round);
    RoundTerms dialing = RoundTerms.dialing(clusterId, ONION.get("dialing_round").asLong(),
        ONION.get("bucket_count").asInt());
    for (int i = 0; i < 3; i++) {
      JsonNode m = ONION.get("mixes").get(i);
      JsonNode e = ONION.get("ephemerals").get(i);
      // Positions are 0-based, as in the gRPC API: mix 1 is position 0.
      assertThat(m.get("position").asInt()).isEqualTo(i);
      assertThat(ONION.get("peels").get(i).get("position").asInt()).isEqualTo(i);
      assertThat(x.publicKey(bytes(m, "round_private"))).isEqualTo(bytes(m, "round_public"));
      assertThat(x.publicKey(bytes(e, "private"))).isEqualTo(bytes(e, "public"));
      assertThat(Ecdsa.publicKey(bytes(m, "signing_private")))
          .isEqualTo(bytes(m, "signing_public"));
      assertThat(RoundKeySignature.signedBytes(terms, i, bytes(m, "round_public")))
          .isEqualTo(bytes(m, "round_key_signed_bytes"))
          .isEqualTo(VectorGenerator.concat(Labels.ROUND_KEY_SIGNATURE, clusterId,
              ByteBuffer.allocate(16).putLong(round).putInt(0).putInt(i).array(),
              bytes(m, "round_public")));
      assertThat(RoundKeySignature.sign(terms, bytes(m, "signing_private"), i,
          bytes(m, "round_public"))).isEqualTo(bytes(m, "round_key_signature"));
      RoundKeySignature.verify(terms, bytes(m, "signing_public"), i,
          bytes(m, "round_public"), bytes(m, "round_key_signature"));
      int oneBased = i + 1;
      assertThatThrownBy(() -> RoundKeySignature.verify(terms, bytes(m, "signing_public"),
          oneBased, bytes(m, "round_public"), bytes(m, "round_key_signature")))
          .isInstanceOf(RejectedInputException.class);
      assertThat(RoundKeySignature.signedBytes(dialing, i, bytes(m, "round_public")))
          .isEqualTo(bytes(m, "dialing_round_key_signed_bytes"))
          .isEqualTo(VectorGenerator.concat(Labels.DIALING_ROUND_KEY_SIGNATURE, clusterId,
              ByteBuffer.allocate(16).putLong(dialing.round()).putInt(dialing.bucketCount())
                  .putInt(i).array(),
              bytes(m, "round_public")));
      RoundKeySignature.verify(dialing, bytes(m, "signing_public"), i,
          bytes(m, "round_public"), bytes(m, "dialing_round_key_signature"));
      RoundTerms otherBucketCount =
          RoundTerms.dialing(clusterId, dialing.round(), dialing.bucketCount() + 1);
      int position = i;
      assertThatThrownBy(() -> RoundKeySignature.verify(otherBucketCount,
          bytes(m, "signing_public"), position, bytes(m, "round_public"),
          bytes(m, "dialing_round_key_signature")))
          .as("a coordinator that changes the bucket count")
          .isInstanceOf(RejectedInputException.class);
      checkLayerSecrets(x, ONION.get("peels").get(i), bytes(e, "private"), bytes(e, "public"),
          bytes(m, "round_public"), round);
    }

    WrappedOnion wrapped = new OnionWrapper(x).wrap(round, mixPublics(),
        bytes(ONION, "exchange_request"), ephemeralPrivates());
    assertThat(hex(wrapped.onion())).isEqualTo(ONION.get("onion").asText());

    // By hand, innermost first: layer_i = eph_i ‖ CBC(enc_i, iv_i, inner_i) ‖ HMAC(mac_i, ct).
    byte[] inner = bytes(ONION, "exchange_request");
    for (int i = 2; i >= 0; i--) {
      JsonNode p = ONION.get("peels").get(i);
      assertThat(inner).isEqualTo(bytes(p, "inner"));
      byte[] ct = cbc(bytes(p, "layer_enc_key"), bytes(p, "layer_iv"), inner);
      inner = VectorGenerator.concat(bytes(ONION.get("ephemerals").get(i), "public"), ct,
          HmacSha256.mac(bytes(p, "layer_mac_key"), ct));
    }
    assertThat(inner).isEqualTo(bytes(ONION, "onion"));
    for (int i = 0; i < 3; i++) {
      checkReplyKey(wrapped.replyKeys().get(i), ONION.get("peels").get(i));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void threeLayerOnionPeelsToTheExchangeRequest(X25519 x) throws Exception {
    long round = ONION.get("round").asLong();
    byte[] current = bytes(ONION, "onion");
    for (int i = 0; i < 3; i++) {
      JsonNode p = ONION.get("peels").get(i);
      assertThat(current).hasSize(p.get("input_length").asInt());
      PeeledLayer peeled = new OnionPeeler(x, round, mixRoundKey(i), 3 - i).peel(current);
      assertThat(hex(peeled.inner())).isEqualTo(p.get("inner").asText());
      assertThat(peeled.ephemeralKey()).isEqualTo(bytes(p, "ephemeral_public"))
          .isEqualTo(bytes(ONION.get("ephemerals").get(i), "public"));
      checkReplyKey(peeled.replyKey(), p);
      current = peeled.inner();
    }
    assertThat(current).isEqualTo(bytes(ONION, "exchange_request"))
        .isEqualTo(bytes(SEALED.get("messages").get(0), "exchange_request"));
  }

  // ------------------------------------------------------------------ reply.json

  @ParameterizedTest
  @MethodSource("engines")
  void replyBuildsLayerByLayer(X25519 x) throws Exception {
    long round = REPLY.get("round").asLong();
    assertThat(round).isEqualTo(ONION.get("round").asLong());
    List<ReplyKey> mixKeys = new ArrayList<>();
    byte[] current = bytes(ONION, "onion");
    for (int i = 0; i < 3; i++) {
      PeeledLayer peeled = new OnionPeeler(x, round, mixRoundKey(i), 3 - i).peel(current);
      mixKeys.add(peeled.replyKey());
      current = peeled.inner();
    }
    byte[] reply = bytes(REPLY, "answer");
    JsonNode layers = REPLY.get("layers");
    for (int k = 0; k < 3; k++) {
      JsonNode l = layers.get(k);
      int position = l.get("position").asInt();
      assertThat(position).isEqualTo(2 - k); // mix 3 (position 2) seals first
      JsonNode peel = ONION.get("peels").get(position);
      for (String f : List.of("reply_enc_key", "reply_mac_key", "reply_iv")) {
        assertThat(l.get(f)).as(f).isEqualTo(peel.get(f));
      }
      assertThat(reply).hasSize(l.get("input_length").asInt());
      byte[] sealed = mixKeys.get(position).seal(reply);
      assertThat(hex(sealed)).isEqualTo(l.get("output").asText());
      byte[] ct = cbc(bytes(l, "reply_enc_key"), bytes(l, "reply_iv"), reply);
      assertThat(VectorGenerator.concat(ct, HmacSha256.mac(bytes(l, "reply_mac_key"), ct)))
          .isEqualTo(sealed);
      reply = sealed;
    }
    assertThat(reply).isEqualTo(bytes(REPLY, "delivered"));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void replyOpensAtTheClientToBobsMessage(X25519 x) throws Exception {
    WrappedOnion wrapped = new OnionWrapper(x).wrap(ONION.get("round").asLong(), mixPublics(),
        bytes(ONION, "exchange_request"), ephemeralPrivates());
    byte[] answer = wrapped.openReply(bytes(REPLY, "delivered"));
    assertThat(answer).isEqualTo(bytes(REPLY, "answer"));

    // Layer by layer, outermost (mix 1) first.
    byte[] current = bytes(REPLY, "delivered");
    for (int i = 0; i < 3; i++) {
      JsonNode l = REPLY.get("layers").get(2 - i);
      assertThat(current).isEqualTo(bytes(l, "output"));
      current = wrapped.replyKeys().get(i).open(current, current.length);
      assertThat(current).hasSize(l.get("input_length").asInt());
    }
    assertThat(current).isEqualTo(answer);

    // The answer is bob's sealed message; alice opens it with the bob-to-alice keys.
    JsonNode bobsMessage = SEALED.get("messages").get(1);
    assertThat(answer).isEqualTo(bytes(bobsMessage, "sealed"));
    assertThat(MessageSealer.open(answer, messageKeys("bob_to_alice"),
        bytes(SEALED.get("bob"), "signing_public"))).isEqualTo(message(bobsMessage));
  }

  // ------------------------------------------------------------------ dialing.json

  @ParameterizedTest
  @MethodSource("engines")
  void dialingBuildsFromItsInputsAndOpensBack(X25519 x) throws Exception {
    JsonNode alice = SEALED.get("alice");
    JsonNode bob = SEALED.get("bob");
    long d = DIALING.get("dialing_round").asLong();
    int m = DIALING.get("bucket_count").asInt();
    byte[] plaintext = bytes(DIALING, "plaintext");
    // bob's dialing key of the epoch, signed with his identity key (§14.8)
    JsonNode key = DIALING.get("callee_dialing_key");
    byte[] dialingPublic = bytes(key, "public");
    assertThat(x.publicKey(bytes(key, "private"))).isEqualTo(dialingPublic);
    long epoch = key.get("epoch").asLong();
    assertThat(bytes(key, "signed_bytes")).isEqualTo(VectorGenerator.concat(Labels.DIALING_KEY,
        new byte[] {3}, "bob".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        ByteBuffer.allocate(8).putLong(epoch).array(), dialingPublic));
    assertThat(Ecdsa.sign(bytes(bob, "signing_private"), bytes(key, "signed_bytes")))
        .isEqualTo(bytes(key, "signature"));
    new DialingKey("bob", epoch, dialingPublic, bytes(key, "signature"))
        .verify(bytes(bob, "signing_public"));
    assertThatThrownBy(() -> new DialingKey("bob", epoch + 1, dialingPublic,
        bytes(key, "signature")).verify(bytes(bob, "signing_public")))
        .as("another epoch").isInstanceOf(RejectedInputException.class);
    // the call secret is the one sealed-message.json's conversation started from
    assertThat(bytes(key, "call_secret")).isEqualTo(bytes(SEALED.get("call"), "call_secret"))
        .isEqualTo(CallSecret.forCallee(x, new X25519KeyPair(bytes(key, "private"),
            dialingPublic), bytes(DIALING, "ephemeral_public")));
    // the box, from the documented layout with generic primitives
    byte[] shared = x.sharedSecret(bytes(DIALING, "ephemeral_private"), dialingPublic);
    assertThat(shared).isEqualTo(bytes(DIALING, "shared_secret"));
    byte[] salt = VectorGenerator.concat(ByteBuffer.allocate(8).putLong(d).array(),
        bytes(DIALING, "ephemeral_public"), dialingPublic);
    assertThat(salt).isEqualTo(bytes(DIALING, "hkdf_salt"));
    byte[] okm = Hkdf.derive(shared, salt, Labels.INVITATION_BOX, 80);
    assertThat(okm).isEqualTo(bytes(DIALING, "okm"));
    byte[] ct = cbc(Arrays.copyOf(okm, 32), Arrays.copyOfRange(okm, 64, 80), plaintext);
    byte[] tag = HmacSha256.mac(Arrays.copyOfRange(okm, 32, 64), ct);
    assertThat(VectorGenerator.concat(bytes(DIALING, "ephemeral_public"), ct, tag))
        .isEqualTo(bytes(DIALING, "sealed_invitation"));
    // the signature binds dialing round and callee key
    byte[] signed = VectorGenerator.concat(Labels.INVITATION_SIGNATURE,
        ByteBuffer.allocate(8).putLong(d).array(), dialingPublic,
        Arrays.copyOf(plaintext, 144));
    assertThat(signed).isEqualTo(bytes(DIALING, "signed_bytes"));
    assertThat(Ecdsa.sign(bytes(alice, "signing_private"), signed))
        .isEqualTo(bytes(DIALING, "signature")).isEqualTo(Arrays.copyOfRange(plaintext, 144, 208));
    // and back: bob opens it with the Java classes, with his dialing key only
    X25519KeyPair bobDialing = new X25519KeyPair(bytes(key, "private"), dialingPublic);
    InvitationBody opened = InvitationBox.open(bytes(DIALING, "sealed_invitation"), bobDialing,
        d, x);
    assertThat(opened.callerUsername()).isEqualTo("alice");
    assertThat(opened.callerSigningKey()).isEqualTo(bytes(alice, "signing_public"));
    assertThat(opened.callerDhKey()).isEqualTo(bytes(alice, "dh_public"));
    assertThat(opened.startRound()).isEqualTo(DIALING.get("start_round").asLong());
    assertThatThrownBy(() -> InvitationBox.open(bytes(DIALING, "sealed_invitation"),
        bobDialing, d + 1, x))
        .as("another dialing round").isInstanceOf(RejectedInputException.class);
    assertThatThrownBy(() -> InvitationBox.open(bytes(DIALING, "sealed_invitation"),
        new X25519KeyPair(bytes(bob, "dh_private"), bytes(bob, "dh_public")), d, x))
        .as("bob's identity key, which a thief might have").isInstanceOf(
            RejectedInputException.class);
    // bucket, request, onion
    byte[] hash = bytes(DIALING, "bucket_hash");
    assertThat(MessageDigest.getInstance("SHA-256").digest(VectorGenerator.concat(
        Labels.DIALING_BUCKET, "bob".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
        .isEqualTo(hash);
    int bucket = (int) Long.remainderUnsigned(ByteBuffer.wrap(hash).getLong(), m);
    assertThat(bucket).isEqualTo(DIALING.get("bucket").asInt())
        .isEqualTo(DialingBucket.of("bob", m));
    assertThat(bytes(DIALING, "dialing_request")).isEqualTo(VectorGenerator.concat(
        ByteBuffer.allocate(16).putInt(bucket).array(), bytes(DIALING, "sealed_invitation")));
    List<byte[]> ephemerals = new ArrayList<>();
    DIALING.get("layer_ephemerals").forEach(e -> ephemerals.add(bytes(e, "private")));
    List<byte[]> mixKeys = new ArrayList<>();
    ONION.get("mixes").forEach(mx -> mixKeys.add(bytes(mx, "round_public")));
    byte[] onion = new OnionWrapper(x, RoundKind.DIALING).wrap(d, mixKeys,
        bytes(DIALING, "dialing_request"), ephemerals).onion();
    assertThat(onion).isEqualTo(bytes(DIALING, "onion")).hasSize(WireSizes.dialingOnionSize(3));
    byte[] peeled = onion;
    for (int i = 0; i < 3; i++) {
      peeled = new OnionPeeler(x, RoundKind.DIALING, d, mixRoundKey(i), 3 - i).peel(peeled)
          .inner();
    }
    assertThat(peeled).isEqualTo(bytes(DIALING, "dialing_request"));
  }
}
