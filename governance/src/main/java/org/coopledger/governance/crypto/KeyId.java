package org.coopledger.governance.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id of a member or node key: lowercase hex of the first 16 bytes of SHA-256 of the raw 32-byte
 * Ed25519 public key.
 */
public record KeyId(String hex) implements Comparable<KeyId> {
  public KeyId {
    if (!LowerHex.is(hex, 32)) {
      throw new IllegalArgumentException(
          "a key id is 32 lowercase hex characters, got '" + hex + "'");
    }
  }

  /** Parses a key id, accepting upper-case hex. */
  public static KeyId parse(String text) {
    return new KeyId(text == null ? null : text.strip().toLowerCase(java.util.Locale.ROOT));
  }

  static KeyId of(byte[] rawPublicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
      return new KeyId(HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public int compareTo(KeyId other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
