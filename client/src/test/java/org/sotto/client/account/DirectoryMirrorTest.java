package org.sotto.client.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.SottoException;
import org.sotto.client.identity.Contact;
import org.sotto.client.identity.Identity;
import org.sotto.client.store.ClientDatabase;
import org.sotto.core.account.IdentityBinding;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.proto.DirectoryRecord;

class DirectoryMirrorTest {
  @TempDir
  Path dir;
  private ScriptedDirectory directory;
  private ClientDatabase db;
  private DirectoryMirror mirror;

  @BeforeEach
  void open() throws Exception {
    directory = new ScriptedDirectory(2);
    db = ClientDatabase.open(dir);
    mirror = new DirectoryMirror(directory.client(), db.mirror(), () -> 0L);
  }

  @AfterEach
  void close() {
    db.close();
    directory.close();
  }

  @Test
  void syncKeepsEveryVerifiedRecordPageByPageAndContinuesFromTheLastOne() throws Exception {
    Identity alice = directory.register("alice");
    directory.register("bob");
    directory.register("carol");
    assertThat(mirror.sync()).isTrue();
    assertThat(directory.syncCalls).as("two pages of two").containsExactly(0L, 2L);
    assertThat(mirror.size()).isEqualTo(3);
    assertThat(mirror.find("alice").orElseThrow().dhPublicKey())
        .isEqualTo(alice.dh().publicKey());

    directory.register("dave");
    mirror.sync();
    assertThat(directory.syncCalls).as("only what is new").containsExactly(0L, 2L, 3L);
    assertThat(mirror.find("dave")).isPresent();
    // What was kept survives a restart of the client.
    db.close();
    db = ClientDatabase.open(dir);
    assertThat(db.mirror().lastSequence()).isEqualTo(4);
  }

  @Test
  void aRecordWhoseKeysAreNotSignedByItsOwnerRefusesTheSyncAndNothingOfItsPageIsKept()
      throws Exception {
    directory.register("alice");
    directory.register("bob");
    mirror.sync();
    directory.register("carol");
    Identity dave = directory.register("dave");
    // The directory swaps in an X25519 key of its own for dave, keeping dave's signature.
    Identity substitute = Identity.generate("dave", X25519Engines.best(), new SecureRandom());
    DirectoryRecord honest = directory.records.get(3);
    directory.records.set(3, honest.toBuilder().setIdentityKeys(honest.getIdentityKeys()
        .toBuilder().setX25519PublicKey(com.google.protobuf.ByteString.copyFrom(
            substitute.dh().publicKey()))).build());

    assertThatThrownBy(mirror::sync).isInstanceOf(SottoException.class)
        .satisfies(e -> assertThat(((SottoException) e).reason())
            .isEqualTo(SottoException.Reason.TAMPERED))
        .hasMessageContaining("record 4").hasMessageContaining("dave")
        .hasMessageContaining("not signed");
    assertThat(mirror.find("carol")).as("carol came in the same page as the bad record")
        .isEmpty();
    assertThat(mirror.find("dave")).isEmpty();
    assertThat(db.mirror().lastSequence()).isEqualTo(2);

    // Once the directory serves the honest record again, the next sync takes both.
    directory.records.set(3, honest);
    mirror.sync();
    assertThat(mirror.find("dave").orElseThrow().dhPublicKey()).isEqualTo(dave.dh().publicKey());
  }

  @Test
  void aSecondRecordForAKnownNameIsRefusedEvenWhenItsOwnKeysSignIt() throws Exception {
    directory.register("alice");
    mirror.sync();
    // Self-consistent, so the signature alone cannot catch it: mallory's keys under alice's name.
    Identity mallory = Identity.generate("alice", X25519Engines.best(), new SecureRandom());
    directory.records.add(ScriptedDirectory.record(2, "alice", mallory.signing().publicKey(),
        mallory.dh().publicKey(), IdentityBinding.sign(mallory.signing().privateKey(), "alice",
            mallory.signing().publicKey(), mallory.dh().publicKey())));
    assertThatThrownBy(mirror::sync).hasMessageContaining("lists alice again");
    assertThat(db.mirror().lastSequence()).isEqualTo(1);
  }

  @Test
  void recordsOutOfOrderAreRefused() throws Exception {
    directory.register("alice");
    directory.register("bob");
    directory.records.set(1, directory.records.get(1).toBuilder().setSequence(1).build());
    assertThatThrownBy(mirror::sync).hasMessageContaining("does not follow sequence 1");
    assertThat(mirror.size()).isZero();
  }

  @Test
  void aMissingNameIsWaitedForOverScheduledSyncsOnlyAndNeverAskedFor() throws Exception {
    directory.register("alice");
    mirror.sync();
    int callsBefore = directory.syncCalls.size();

    CompletableFuture<Optional<Contact>> bob = mirror.resolve("bob", 2);
    CompletableFuture<Optional<Contact>> nobody = mirror.resolve("nobody", 2);
    assertThat(mirror.resolve("alice", 2)).as("in the mirror: at once").isCompletedWithValueMatching(
        Optional::isPresent);
    assertThat(bob).isNotDone();
    assertThat(directory.syncCalls).as("waiting asks nothing").hasSize(callsBefore);

    mirror.sync(); // the next scheduled sync: bob is not registered yet
    assertThat(bob).isNotDone();
    directory.register("bob");
    mirror.sync();
    assertThat(bob).isCompletedWithValueMatching(Optional::isPresent);
    assertThat(nobody).as("still absent after two syncs").isCompletedWithValue(Optional.empty());
    assertThat(directory.syncCalls).hasSize(callsBefore + 2);
    assertThat(directory.otherCalls).as("no lookup or other call").hasValue(0);
  }
}
