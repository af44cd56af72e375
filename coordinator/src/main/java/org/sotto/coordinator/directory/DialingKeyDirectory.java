package org.sotto.coordinator.directory;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import java.time.Clock;
import java.util.List;
import org.sotto.core.account.Usernames;
import org.sotto.core.cluster.ClusterDescriptor.DialingSettings;
import org.sotto.core.dialing.DialingKey;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.DialingKeyRecord;
import org.sotto.proto.PublishDialingKeysRequest;
import org.sotto.proto.SyncDialingKeysResponse;

/**
 * The published dialing keys (docs/protocol.md §14.8): accepts each account's signed key per key
 * epoch, for the current epoch or one of the next {@value #EPOCHS_AHEAD}, and lists what was
 * published to every client on their fixed sync schedule. A newer key for an epoch replaces the
 * older (a user who moved to a new device, whose old keys are gone with the old one). Keys of
 * epochs that ended are not listed and are deleted at the next publication.
 */
final class DialingKeyDirectory {
  static final int EPOCHS_AHEAD = 7;
  static final int MAX_KEYS_PER_REQUEST = 16;
  static final int SYNC_PAGE = 1000;

  private final AccountStore accounts;
  private final DialingSettings settings;
  private final Clock clock;

  DialingKeyDirectory(AccountStore accounts, DialingSettings settings, Clock clock) {
    this.accounts = accounts;
    this.settings = settings;
    this.clock = clock;
  }

  void publish(PublishDialingKeysRequest request) throws StatusException {
    int count = request.getKeysCount();
    if (count < 1 || count > MAX_KEYS_PER_REQUEST) {
      throw refuse(Status.INVALID_ARGUMENT, "keys: 1 to " + MAX_KEYS_PER_REQUEST
          + " per request, got " + count);
    }
    long now = settings.keyEpochAt(clock.millis());
    for (org.sotto.proto.DialingKey k : request.getKeysList()) {
      String problem = Usernames.problem(k.getUsername());
      if (problem != null) {
        throw refuse(Status.INVALID_ARGUMENT, "username: " + problem);
      }
      long epoch = k.getEpoch();
      if (epoch < now || epoch > now + EPOCHS_AHEAD) {
        throw refuse(Status.INVALID_ARGUMENT, "epoch: dialing keys are published for the "
            + "current key epoch (" + now + ") and the " + EPOCHS_AHEAD + " after it, not "
            + Long.toUnsignedString(epoch) + "; check this device's clock");
      }
      DialingKey key = new DialingKey(k.getUsername(), epoch, k.getPublicKey().toByteArray(),
          k.getSignature().toByteArray());
      Account account = accounts.find(key.username()).orElse(null);
      try {
        if (account == null) {
          throw new RejectedInputException(RejectedInputException.Reason.BAD_SIGNATURE, "");
        }
        key.verify(account.signingPublicKey());
      } catch (RejectedInputException e) {
        if (e.reason() == RejectedInputException.Reason.BAD_SIGNATURE) {
          throw refuse(Status.PERMISSION_DENIED, "the dialing key of epoch " + epoch + " is not "
              + "signed by the signing key of an account named '" + key.username() + "'");
        }
        throw refuse(Status.INVALID_ARGUMENT, "public_key: " + e.getMessage());
      }
      accounts.publishDialingKey(key.username(), epoch, key.publicKey(), key.signature(),
          now - 1);
    }
  }

  SyncDialingKeysResponse sync(long afterSequence) {
    // keys of the previous epoch stay listed: a callee keeps its key one epoch longer, so a
    // call placed just before the turn can still be sealed and opened
    long oldest = settings.keyEpochAt(clock.millis()) - 1;
    List<AccountStore.PublishedDialingKey> page =
        accounts.dialingKeysAfter(afterSequence, oldest, SYNC_PAGE + 1);
    SyncDialingKeysResponse.Builder answer = SyncDialingKeysResponse.newBuilder()
        .setMore(page.size() > SYNC_PAGE);
    page.stream().limit(SYNC_PAGE).forEach(k -> answer.addRecords(DialingKeyRecord.newBuilder()
        .setSequence(k.sequence())
        .setKey(org.sotto.proto.DialingKey.newBuilder().setUsername(k.username())
            .setEpoch(k.epoch()).setPublicKey(ByteString.copyFrom(k.publicKey()))
            .setSignature(ByteString.copyFrom(k.signature())))));
    return answer.build();
  }

  private static StatusException refuse(Status status, String message) {
    return status.withDescription(message).asException();
  }
}
