package org.sotto.client.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.sotto.client.SottoException;
import org.sotto.client.SottoException.Reason;
import org.sotto.client.identity.Contact;
import org.sotto.client.store.MirrorStore;
import org.sotto.core.account.IdentityBinding;
import org.sotto.core.account.Usernames;
import org.sotto.core.dialing.DialingKey;
import org.sotto.core.store.StorageException;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.DialingKeyRecord;
import org.sotto.proto.DirectoryRecord;
import org.sotto.proto.SyncDialingKeysResponse;
import org.sotto.proto.SyncDirectoryResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's copy of the directory (docs/protocol.md §15.7). The client calls {@link #sync} on
 * a fixed schedule, once per dialing round whatever the user does, and every name the user adds
 * or an invitation claims is resolved here: no call to the directory ever names a user, so the
 * coordinator cannot learn whom this client adds, calls or is called by.
 *
 * <p>Every record is checked before it is kept: its identity signature must verify for its name
 * and keys (the binding the user signed at registration), its sequence number must follow the
 * previous one, and a name may appear once (identity keys never change, so a second record for a
 * name is a substitution attempt). One bad record refuses its whole page and fails the sync, in
 * words, in the log and to the caller; the mirror keeps what it had.
 *
 * <p>A name not in the mirror yet (registered since the last sync) is waited for over a bounded
 * number of <em>scheduled</em> syncs ({@link #resolve}); waiting never causes a sync of its own.
 */
public final class DirectoryMirror {
  private static final Logger log = LoggerFactory.getLogger(DirectoryMirror.class);

  private final DirectoryClient directory;
  private final MirrorStore store;
  /** The current dialing-key epoch (§14.8); keys of epochs before the previous are dropped. */
  private final LongSupplier keyEpoch;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Object lock = new Object();
  /** Syncs started so far; a waiter counts only syncs started after it. Guarded by lock. */
  private long started;
  private final List<Waiter> waiters = new ArrayList<>();

  /** Someone waiting for a name: how many more completed syncs it will wait for. */
  private static final class Waiter {
    final String name;
    final long startedBefore;
    int syncsLeft;
    final CompletableFuture<Optional<Contact>> result = new CompletableFuture<>();

    Waiter(String name, long startedBefore, int syncs) {
      this.name = name;
      this.startedBefore = startedBefore;
      this.syncsLeft = syncs;
    }
  }

  public DirectoryMirror(DirectoryClient directory, MirrorStore store, LongSupplier keyEpoch) {
    this.directory = directory;
    this.store = store;
    this.keyEpoch = keyEpoch;
  }

  /** The dialing key {@code name} published for {@code epoch}, if the mirror holds it. */
  public Optional<byte[]> dialingKey(String name, long epoch) {
    return store.dialingKey(name, epoch);
  }

  /** {@code name}'s verified keys, if the mirror holds them now. */
  public Optional<Contact> find(String name) {
    return store.find(name);
  }

  /** Accounts in the mirror. */
  public long size() {
    return store.count();
  }

  /**
   * {@code name}'s keys: at once if the mirror holds them, else once one of the next
   * {@code syncs} scheduled syncs (started after this call) brings them. Completes empty when
   * none did, or with the failure of the last of them if that one failed.
   */
  public CompletableFuture<Optional<Contact>> resolve(String name, int syncs) {
    Waiter w;
    synchronized (lock) {
      w = new Waiter(name, started, syncs);
      waiters.add(w);
    }
    // Looked up after registering, so a sync completing in between cannot be missed.
    Optional<Contact> now = store.find(name);
    if (now.isPresent()) {
      synchronized (lock) {
        waiters.remove(w);
      }
      w.result.complete(now);
    }
    return w.result;
  }

  /**
   * Brings the mirror up to date: asks for the records after the last sequence held, page by
   * page, verifies each page and stores it. Called on the client's schedule only. A call while
   * another sync runs does nothing (the schedule must not pile syncs up).
   *
   * @return false if another sync was running and this call did nothing
   * @throws SottoException if the directory could not be reached ({@code UNAVAILABLE}), sent a
   *     record that does not verify ({@code TAMPERED}), or the local database failed
   */
  public boolean sync() throws SottoException {
    if (!running.compareAndSet(false, true)) {
      return false;
    }
    long number;
    synchronized (lock) {
      number = ++started;
    }
    SottoException failure = null;
    try {
      pull();
      pullDialingKeys();
    } catch (SottoException e) {
      failure = e;
    } catch (StorageException e) {
      failure = new SottoException(Reason.STORAGE, "the directory sync could not be stored: "
          + e.getMessage(), e);
    } finally {
      running.set(false);
    }
    if (failure != null) {
      if (failure.reason() == Reason.TAMPERED) {
        log.error("{}", failure.getMessage());
      } else {
        log.warn("{}", failure.getMessage());
      }
    }
    finished(number, failure);
    if (failure != null) {
      throw failure;
    }
    return true;
  }

  private void pull() throws SottoException {
    long after = store.lastSequence();
    while (true) {
      SyncDirectoryResponse page = directory.sync(after);
      List<MirrorStore.Entry> verified = verify(after, page.getRecordsList());
      store.append(verified);
      if (!page.getMore()) {
        return;
      }
      if (verified.isEmpty()) {
        throw tampered("the directory says more records follow sequence " + after
            + " but sent none");
      }
      after = verified.get(verified.size() - 1).sequence();
    }
  }

  /**
   * The dialing keys published since the last sync, each checked against its owner's signing key
   * in the mirror. A key whose owner the mirror does not hold yet (registered after this sync's
   * first part) ends the page there, to be fetched again next time.
   */
  private void pullDialingKeys() throws SottoException {
    long after = store.lastDialingKeySequence();
    while (true) {
      SyncDialingKeysResponse page = directory.syncDialingKeys(after);
      List<DialingKey> verified = new ArrayList<>();
      long last = after;
      boolean stopped = false;
      for (DialingKeyRecord r : page.getRecordsList()) {
        if (r.getSequence() <= last) {
          throw tampered("dialing key " + r.getSequence() + " does not follow sequence " + last);
        }
        org.sotto.proto.DialingKey k = r.getKey();
        Optional<Contact> owner = store.find(k.getUsername());
        if (owner.isEmpty()) {
          stopped = true;
          break;
        }
        DialingKey key = new DialingKey(k.getUsername(), k.getEpoch(),
            k.getPublicKey().toByteArray(), k.getSignature().toByteArray());
        try {
          key.verify(owner.get().signingPublicKey());
        } catch (RejectedInputException e) {
          throw tampered("dialing key " + r.getSequence() + " is not signed by "
              + k.getUsername() + "'s own key: " + e.getMessage());
        }
        verified.add(key);
        last = r.getSequence();
      }
      store.appendDialingKeys(verified, last, keyEpoch.getAsLong() - 1);
      if (stopped || !page.getMore()) {
        return;
      }
      if (verified.isEmpty()) {
        throw tampered("the directory says more dialing keys follow sequence " + after
            + " but sent none");
      }
      after = last;
    }
  }

  /**
   * Checks one page of records that should follow {@code after}; returns them ready to store, or
   * refuses the whole page.
   */
  List<MirrorStore.Entry> verify(long after, List<DirectoryRecord> records)
      throws SottoException {
    List<MirrorStore.Entry> verified = new ArrayList<>(records.size());
    Map<String, Long> inPage = new HashMap<>();
    long previous = after;
    for (DirectoryRecord r : records) {
      String name = r.getUsername();
      long sequence = r.getSequence();
      if (sequence <= previous) {
        throw tampered("record " + sequence + " (" + name + ") does not follow sequence "
            + previous);
      }
      String problem = Usernames.problem(name);
      if (problem != null) {
        throw tampered("record " + sequence + " has an invalid username: " + problem);
      }
      byte[] signing = r.getIdentityKeys().getSigningPublicKey().toByteArray();
      byte[] dh = r.getIdentityKeys().getX25519PublicKey().toByteArray();
      byte[] signature = r.getIdentitySignature().toByteArray();
      try {
        IdentityBinding.verify(name, signing, dh, signature);
      } catch (RejectedInputException e) {
        throw tampered("the keys in record " + sequence + " are not signed by " + name
            + "'s own key: " + e.getMessage());
      }
      if (inPage.containsKey(name) || store.find(name).isPresent()) {
        throw tampered("record " + sequence + " lists " + name + " again, but a user's keys "
            + "never change: someone may be trying to substitute keys for " + name);
      }
      inPage.put(name, sequence);
      verified.add(new MirrorStore.Entry(sequence, new Contact(name, signing, dh), signature));
      previous = sequence;
    }
    return verified;
  }

  private static SottoException tampered(String what) {
    return new SottoException(Reason.TAMPERED, "the directory sync was refused, nothing of it "
        + "kept: " + what + "; if this repeats, tell the cluster's operators");
  }

  /** Tells the waiters that sync {@code number} ended (with {@code failure}, or null). */
  private void finished(long number, SottoException failure) {
    List<Map.Entry<Waiter, Optional<Contact>>> done = new ArrayList<>();
    List<Waiter> failed = new ArrayList<>();
    synchronized (lock) {
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        Optional<Contact> found = store.find(w.name);
        boolean counts = number > w.startedBefore;
        if (found.isPresent()) {
          done.add(Map.entry(w, found));
        } else if (counts && --w.syncsLeft <= 0) {
          if (failure == null) {
            done.add(Map.entry(w, Optional.empty()));
          } else {
            failed.add(w);
          }
        } else {
          continue;
        }
        it.remove();
      }
    }
    // Completed outside the lock: what waits on them may take a while or call back in.
    done.forEach(e -> e.getKey().result.complete(e.getValue()));
    failed.forEach(w -> w.result.completeExceptionally(failure));
  }
}
