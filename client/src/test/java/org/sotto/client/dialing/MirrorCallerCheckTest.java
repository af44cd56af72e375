package org.sotto.client.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.account.DirectoryMirror;
import org.sotto.client.account.ScriptedDirectory;
import org.sotto.client.identity.Contact;
import org.sotto.client.identity.Identity;
import org.sotto.client.store.ClientDatabase;
import org.sotto.core.crypto.X25519Engines;

/**
 * Invitations are believed only with the keys the mirror of the directory lists for their name;
 * a name the mirror lacks is held over the next scheduled syncs, never looked up.
 */
class MirrorCallerCheckTest {
  @TempDir
  Path dir;
  private ScriptedDirectory directory;
  private ClientDatabase db;
  private DirectoryMirror mirror;
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private MirrorCallerCheck check;

  @BeforeEach
  void open() throws Exception {
    directory = new ScriptedDirectory(100);
    db = ClientDatabase.open(dir);
    mirror = new DirectoryMirror(directory.client(), db.mirror(), () -> 0L);
    check = new MirrorCallerCheck(mirror, (claimed, reason) -> refusals.add(reason));
  }

  @AfterEach
  void close() {
    db.close();
    directory.close();
  }

  @Test
  void anInvitationClaimingAliceWithOtherKeysIsRefusedAndHerOwnIsBelieved() throws Exception {
    Identity alice = directory.register("alice");
    mirror.sync();
    Identity mallory = Identity.generate("mallory", X25519Engines.best(), new SecureRandom());

    Contact impostor = new Contact("alice", mallory.signing().publicKey(),
        mallory.dh().publicKey());
    assertThat(check.decide(impostor).toCompletableFuture()).isCompletedWithValue(false);
    assertThat(check.vouchesFor(impostor)).isFalse();
    assertThat(refusals).singleElement().asString().contains("impersonating");
    // Half of alice's keys is not enough either.
    Contact halfAlice = new Contact("alice", alice.signing().publicKey(),
        mallory.dh().publicKey());
    assertThat(check.decide(halfAlice).toCompletableFuture()).isCompletedWithValue(false);

    assertThat(check.decide(alice.asContact()).toCompletableFuture()).isCompletedWithValue(true);
    assertThat(check.vouchesFor(alice.asContact())).isTrue();
    assertThat(directory.otherCalls).as("no lookup").hasValue(0);
  }

  @Test
  void aCallerTheMirrorLacksIsHeldUntilASyncBringsThemOrDroppedAfterTwo() throws Exception {
    directory.register("alice");
    mirror.sync();
    int syncsBefore = directory.syncCalls.size();
    Identity bob = Identity.generate("bob", X25519Engines.best(), new SecureRandom());
    Identity nobody = Identity.generate("nobody", X25519Engines.best(), new SecureRandom());

    CompletableFuture<Boolean> fromBob = check.decide(bob.asContact()).toCompletableFuture();
    CompletableFuture<Boolean> fromNobody =
        check.decide(nobody.asContact()).toCompletableFuture();
    assertThat(fromBob).as("held, not looked up").isNotDone();
    assertThat(directory.syncCalls).hasSize(syncsBefore);

    // bob registers (with his keys) and the next scheduled sync brings him.
    directory.records.add(ScriptedDirectory.record(2, "bob", bob.signing().publicKey(),
        bob.dh().publicKey(), org.sotto.core.account.IdentityBinding.sign(
            bob.signing().privateKey(), "bob", bob.signing().publicKey(), bob.dh().publicKey())));
    mirror.sync();
    assertThat(fromBob).isCompletedWithValue(true);
    assertThat(fromNobody).isNotDone();
    mirror.sync();
    assertThat(fromNobody).isCompletedWithValue(false);
    assertThat(refusals).singleElement().asString().contains("no account");
    assertThat(directory.otherCalls).hasValue(0);
  }
}
