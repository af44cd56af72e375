package org.sotto.client.dialing;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.sotto.client.SottoException;
import org.sotto.client.account.DirectoryClient;
import org.sotto.client.account.DirectoryMirror;
import org.sotto.client.identity.Identity;
import org.sotto.client.store.DialingKeyStore;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.dialing.DialingKey;
import org.sotto.proto.PublishDialingKeysRequest;

/**
 * This client's dialing keys and everyone else's (docs/protocol.md §14.8).
 *
 * <p>Own keys: one fresh X25519 key per key epoch, for the current epoch and the
 * {@value #EPOCHS_AHEAD} after it (so callers can seal to this user while it is offline for that
 * long), each signed with the identity key and published to the directory; a key is erased one
 * epoch after its own, which is what makes recorded invitations, and the conversations they
 * started, unreadable to someone who steals the identity keys later. Others' keys come from the
 * mirror of the directory, verified there against each owner's signing key.
 */
public final class DialingKeyRing implements DialingKeys {
  static final int EPOCHS_AHEAD = 7;

  private final DialingKeyStore own;
  private final DirectoryMirror mirror;
  private final DirectoryClient directory;
  private final LongSupplier epoch;
  private final X25519 x25519;
  private final SecureRandom random = new SecureRandom();

  /** @param epoch the current key epoch (from the descriptor's key-epoch-seconds and the clock) */
  public DialingKeyRing(DialingKeyStore own, DirectoryMirror mirror, DirectoryClient directory,
      LongSupplier epoch, X25519 x25519) {
    this.own = own;
    this.mirror = mirror;
    this.directory = directory;
    this.epoch = epoch;
    this.x25519 = x25519;
  }

  public long currentEpoch() {
    return epoch.getAsLong();
  }

  /**
   * Makes the keys of the current epoch and the ones ahead, erases those that are done with, and
   * publishes what the directory does not have yet. Cheap when there is nothing to do; called
   * when an identity arrives and when a session opens.
   */
  public synchronized void refresh(Identity me) throws SottoException {
    long now = currentEpoch();
    own.eraseBefore(now - 1);
    for (long e = now; e <= now + EPOCHS_AHEAD; e++) {
      if (own.find(e).isEmpty()) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        own.addIfAbsent(e, new X25519KeyPair(secret, x25519.publicKey(secret)));
      }
    }
    List<Long> unpublished = new ArrayList<>();
    PublishDialingKeysRequest.Builder request = PublishDialingKeysRequest.newBuilder();
    for (DialingKeyStore.OwnKey k : own.all()) {
      if (!k.published() && k.epoch() >= now) {
        DialingKey signed = DialingKey.sign(me.signing().privateKey(), me.username(), k.epoch(),
            k.pair().publicKey());
        request.addKeys(org.sotto.proto.DialingKey.newBuilder().setUsername(me.username())
            .setEpoch(k.epoch()).setPublicKey(ByteString.copyFrom(signed.publicKey()))
            .setSignature(ByteString.copyFrom(signed.signature())));
        unpublished.add(k.epoch());
      }
    }
    if (!unpublished.isEmpty()) {
      directory.publishDialingKeys(request.build());
      own.markPublished(unpublished);
    }
  }

  /** The key {@code callee} published for the current epoch, if the mirror holds it. */
  @Override
  public Optional<byte[]> calleeKey(String callee) {
    return mirror.dialingKey(callee, currentEpoch());
  }

  /**
   * The own keys that may open an invitation of a dialing round in {@code epoch}: that epoch's,
   * and the one before (a call placed just before the turn is sealed to it).
   */
  @Override
  public List<X25519KeyPair> openers(long epoch) {
    List<X25519KeyPair> keys = new ArrayList<>(2);
    own.find(epoch).ifPresent(keys::add);
    own.find(epoch - 1).ifPresent(keys::add);
    return keys;
  }
}
