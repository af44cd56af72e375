package org.sotto.client.identity;

/** Another user's public identity: the keys that open and verify what they send. */
public record Contact(String username, byte[] signingPublicKey, byte[] dhPublicKey) {}
