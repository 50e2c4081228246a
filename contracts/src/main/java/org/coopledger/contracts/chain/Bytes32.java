package org.coopledger.contracts.chain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.Hash;

/** An immutable 32-byte value: a tree root, a ledger name or a ledger id. */
public final class Bytes32 {
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Bytes32(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies exactly 32 bytes. */
  public static Bytes32 of(byte[] bytes) {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException(
          "expected exactly 32 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new Bytes32(bytes.clone());
  }

  /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
  public static Bytes32 fromHex(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("expected 64 hex digits, got null");
    }
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 64) {
      throw new IllegalArgumentException("expected 64 hex digits, got '" + hex + "'");
    }
    try {
      return new Bytes32(HEX.parseHex(digits.toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected 64 hex digits, got '" + hex + "'", e);
    }
  }

  /** keccak256 of the given bytes, as Solidity computes it. */
  public static Bytes32 keccak256(byte[] data) {
    return new Bytes32(Hash.sha3(data));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** The first {@code n} bytes. */
  public byte[] head(int n) {
    return Arrays.copyOf(bytes, n);
  }

  /** {@code 0x} followed by 64 lowercase hex digits. */
  public String hex() {
    return "0x" + HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
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
