package org.coopledger.governance.codec;

import java.util.Arrays;
import java.util.HexFormat;
import org.coopledger.governance.crypto.KeyId;

/** One Ed25519 signature on an entry, by the key with id {@code keyId}. */
public final class EntrySignature {
  private final KeyId keyId;
  private final byte[] signature;

  public EntrySignature(KeyId keyId, byte[] signature) {
    if (keyId == null || signature == null) {
      throw new IllegalArgumentException("a signature needs a key id and signature bytes");
    }
    this.keyId = keyId;
    this.signature = signature.clone();
  }

  public KeyId keyId() {
    return keyId;
  }

  /** A copy of the signature bytes. */
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntrySignature other
        && keyId.equals(other.keyId)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "signature by " + keyId + " (" + HexFormat.of().formatHex(signature, 0, 8) + "...)";
  }
}
