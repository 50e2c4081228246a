package org.coopledger.governance.entry;

import java.util.Arrays;
import java.util.HexFormat;
import org.coopledger.governance.crypto.KeyId;

/** One Ed25519 signature on an entry, by the key with id {@code keyId}. */
public record EntrySignature(KeyId keyId, byte[] signature) {
  public EntrySignature {
    if (keyId == null || signature == null) {
      throw new IllegalArgumentException("a signature needs a key id and signature bytes");
    }
    signature = signature.clone();
  }

  @Override
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
