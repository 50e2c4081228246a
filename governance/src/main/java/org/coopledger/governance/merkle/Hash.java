package org.coopledger.governance.merkle;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 hash of a Merkle tree leaf or node: exactly 32 bytes. Immutable and thread-safe. */
public final class Hash {
  /** The length of a SHA-256 hash in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A hash from its 32 bytes (copied). */
  public static Hash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a SHA-256 hash is " + LENGTH + " bytes, got " + (bytes == null ? 0 : bytes.length));
    }
    return new Hash(bytes.clone());
  }

  /** A hash from 64 hexadecimal digits (either case). */
  public static Hash fromHex(String hex) {
    try {
      return of(HEX.parseHex(hex.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex SHA-256 hash: " + e.getMessage(), e);
    }
  }

  /** A hash from the standard base64 (with padding) of its 32 bytes. */
  public static Hash fromBase64(String base64) {
    try {
      return of(Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 SHA-256 hash: " + e.getMessage(), e);
    }
  }

  /** Takes ownership of {@code bytes} without copying; only for arrays nobody else holds. */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /** Feeds the 32 bytes to {@code digest} without copying them. */
  void updateDigest(MessageDigest digest) {
    digest.update(bytes);
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hexadecimal, 64 digits. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** Standard base64 with padding, as C2SP checkpoints write roots. */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
