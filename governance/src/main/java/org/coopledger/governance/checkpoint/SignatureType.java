package org.coopledger.governance.checkpoint;

/**
 * The signed-note signature types coopledger supports. The type byte is part of the key hash and
 * the verifier key string, so the same Ed25519 key used as a log signer and as a witness yields two
 * different, unambiguous identities.
 */
public enum SignatureType {
  /** Plain Ed25519 over the note text (signed-note type 0x01): what a log signs with. */
  ED25519((byte) 0x01),
  /** Timestamped Ed25519 witness cosignature (tlog-cosignature v1, type 0x04). */
  COSIGNATURE_V1((byte) 0x04);

  private final byte id;

  SignatureType(byte id) {
    this.id = id;
  }

  /** The identifier byte assigned by the signed-note spec. */
  public byte id() {
    return id;
  }

  /** The type for an identifier byte, or null if coopledger does not support it. */
  static SignatureType of(byte id) {
    for (SignatureType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    return null;
  }
}
