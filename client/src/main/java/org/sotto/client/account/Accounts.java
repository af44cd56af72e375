package org.sotto.client.account;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import org.sotto.client.SottoException;
import org.sotto.client.SottoException.Reason;
import org.sotto.client.identity.Identity;
import org.sotto.core.account.Argon2Settings;
import org.sotto.core.account.IdentityBinding;
import org.sotto.core.account.Usernames;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.IdentityKeys;
import org.sotto.proto.LoginRequest;
import org.sotto.proto.LoginResponse;
import org.sotto.proto.PasswordKdf;
import org.sotto.proto.PasswordStretching;
import org.sotto.proto.RegisterRequest;
import org.sotto.proto.RegisterResponse;
import org.sotto.proto.UpdateKeyBackupRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, login and password changes, as directory.proto describes them from the client's
 * side: the password is checked here, stretched here, and never sent; the identity keys are
 * generated here and leave only as public keys and as a backup the directory cannot open. Other
 * users' keys come from the {@link DirectoryMirror}, never from a lookup.
 */
public final class Accounts {
  private static final Logger log = LoggerFactory.getLogger(Accounts.class);
  private final DirectoryClient directory;
  private final PasswordPolicy policy;
  private final PasswordStretcher stretcher;
  private final X25519 x25519;
  private final SecureRandom random;

  /** A logged-in user: their identity, restored or new. */
  public record LoggedIn(Identity identity, long backupVersion) {}

  public Accounts(DirectoryClient directory, PasswordPolicy policy, PasswordStretcher stretcher,
      X25519 x25519, SecureRandom random) {
    this.directory = directory;
    this.policy = policy;
    this.stretcher = stretcher;
    this.x25519 = x25519;
    this.random = random;
  }

  public LoggedIn register(String typedName, char[] password) throws SottoException {
    String name = canonical(typedName);
    String weak = policy.problem(name, password);
    if (weak != null) {
      throw new SottoException(Reason.WEAK_PASSWORD, "password refused: " + weak);
    }
    PasswordStretching stretching = directory.loginParameters(name);
    PasswordKeys keys = stretch(password, stretching);
    Identity identity = Identity.generate(name, x25519, random);
    try {
      byte[] backup = KeyBackup.seal(new KeyBackup.Secrets(identity.signing().privateKey(),
          identity.dh().privateKey()), keys.backupKey(), name, random);
      byte[] signature = IdentityBinding.sign(identity.signing().privateKey(), name,
          identity.signing().publicKey(), identity.dh().publicKey());
      RegisterResponse registered = directory.register(RegisterRequest.newBuilder()
          .setUsername(name)
          .setStretching(stretching).setAuthKey(ByteString.copyFrom(keys.authKey()))
          .setEncryptedKeyBackup(ByteString.copyFrom(backup))
          .setIdentityKeys(IdentityKeys.newBuilder()
              .setSigningPublicKey(ByteString.copyFrom(identity.signing().publicKey()))
              .setX25519PublicKey(ByteString.copyFrom(identity.dh().publicKey())))
          .setIdentitySignature(ByteString.copyFrom(signature)).build());
      endSession(registered.getSessionToken());
      return new LoggedIn(identity, registered.getBackupVersion());
    } finally {
      keys.destroy();
    }
  }

  public LoggedIn login(String typedName, char[] password) throws SottoException {
    String name = canonical(typedName);
    PasswordKeys keys = stretch(password, directory.loginParameters(name));
    try {
      LoginResponse login = directory.login(LoginRequest.newBuilder().setUsername(name)
          .setAuthKey(ByteString.copyFrom(keys.authKey())).build());
      endSession(login.getSessionToken());
      KeyBackup.Secrets secrets;
      try {
        secrets = KeyBackup.open(login.getEncryptedKeyBackup().toByteArray(), keys.backupKey(),
            name);
      } catch (RejectedInputException e) {
        throw new SottoException(Reason.TAMPERED, "the directory accepted the password but the "
            + "key backup it returned does not open: " + e.getMessage(), e);
      }
      Identity identity = new Identity(name,
          new Ecdsa.KeyPair(secrets.signingPrivateKey(),
              Ecdsa.publicKey(secrets.signingPrivateKey())),
          new X25519KeyPair(secrets.x25519PrivateKey(),
              x25519.publicKey(secrets.x25519PrivateKey())));
      IdentityKeys published = login.getIdentityKeys();
      if (!ConstantTime.equals(identity.signing().publicKey(),
              published.getSigningPublicKey().toByteArray())
          || !ConstantTime.equals(identity.dh().publicKey(),
              published.getX25519PublicKey().toByteArray())) {
        throw new SottoException(Reason.TAMPERED, "the restored private keys do not match the "
            + "public keys the directory publishes for " + name + "; do not use this account "
            + "until the operators explain why");
      }
      return new LoggedIn(identity, login.getBackupVersion());
    } finally {
      keys.destroy();
    }
  }

  /**
   * Changes {@code me}'s password. A fresh login proves the current password and gives the session
   * and backup version to update; the identity keys are sealed again under the new password's
   * backup key, and one UpdateKeyBackup stores the new backup and auth key together (so there is
   * never a moment when the backup and the password disagree) and ends the account's other
   * sessions. The salt and stretching parameters stay the account's. The identity keys, and so
   * every contact and conversation, stay as they are.
   *
   * @return the new backup version
   */
  public long changePassword(Identity me, char[] current, char[] next) throws SottoException {
    String name = me.username();
    String weak = policy.problem(name, next);
    if (weak != null) {
      throw new SottoException(Reason.WEAK_PASSWORD, "new password refused: " + weak);
    }
    if (java.util.Arrays.equals(current, next)) {
      throw new SottoException(Reason.INVALID, "the new password is the current one; nothing "
          + "was changed");
    }
    PasswordStretching stretching = directory.loginParameters(name);
    PasswordKeys currentKeys = stretch(current, stretching);
    PasswordKeys nextKeys = null;
    try {
      LoginResponse login;
      try {
        login = directory.login(LoginRequest.newBuilder().setUsername(name)
            .setAuthKey(ByteString.copyFrom(currentKeys.authKey())).build());
      } catch (SottoException e) {
        if (e.reason() == Reason.WRONG_PASSWORD) {
          throw new SottoException(Reason.WRONG_PASSWORD, "the current password is wrong; "
              + "nothing was changed", e);
        }
        throw e;
      }
      nextKeys = stretch(next, stretching);
      byte[] backup = KeyBackup.seal(new KeyBackup.Secrets(me.signing().privateKey(),
          me.dh().privateKey()), nextKeys.backupKey(), name, random);
      try {
        return directory.updateKeyBackup(UpdateKeyBackupRequest.newBuilder()
            .setSessionToken(login.getSessionToken())
            .setExpectedBackupVersion(login.getBackupVersion())
            .setEncryptedKeyBackup(ByteString.copyFrom(backup))
            .setNewStretching(stretching)
            .setNewAuthKey(ByteString.copyFrom(nextKeys.authKey()))
            .setCurrentAuthKey(ByteString.copyFrom(currentKeys.authKey())).build())
            .getBackupVersion();
      } finally {
        endSession(login.getSessionToken());
      }
    } finally {
      currentKeys.destroy();
      if (nextKeys != null) {
        nextKeys.destroy();
      }
    }
  }

  /**
   * Ends a directory session as soon as this client is done with it: the client keeps no token,
   * so one left alive would only be worth something to whoever copied it (it could overwrite the
   * key backup until it expires). Best effort: a failure leaves the token to expire by itself.
   */
  private void endSession(ByteString token) {
    try {
      directory.logout(token);
    } catch (SottoException e) {
      log.debug("the directory session could not be ended now; it expires by itself: {}",
          e.getMessage());
    }
  }

  private PasswordKeys stretch(char[] password, PasswordStretching s) throws SottoException {
    if (s.getKdf() != PasswordKdf.PASSWORD_KDF_ARGON2ID) {
      throw new SottoException(Reason.INVALID, "the directory asks for password function "
          + s.getKdf() + ", which this client does not know; upgrade Sotto");
    }
    try {
      return stretcher.stretch(password, s.getSalt().toByteArray(), new Argon2Settings(
          s.getMemoryKib(), s.getIterations(), s.getParallelism()));
    } catch (IllegalArgumentException e) {
      throw new SottoException(Reason.TAMPERED, e.getMessage(), e);
    }
  }

  static String canonical(String typed) throws SottoException {
    try {
      return Usernames.canonicalize(typed);
    } catch (IllegalArgumentException e) {
      throw new SottoException(Reason.INVALID, e.getMessage());
    }
  }
}
