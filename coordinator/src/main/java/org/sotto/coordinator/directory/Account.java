package org.sotto.coordinator.directory;

import org.sotto.core.account.Argon2Settings;

/**
 * One account as stored: how its password is stretched, the verifier of its auth key, its public
 * identity and the encrypted backup of its private keys (which the directory cannot read).
 */
record Account(String username, byte[] salt, Argon2Settings argon2, byte[] verifier,
    byte[] signingPublicKey, byte[] x25519PublicKey, byte[] identitySignature, byte[] keyBackup,
    long backupVersion) {}
