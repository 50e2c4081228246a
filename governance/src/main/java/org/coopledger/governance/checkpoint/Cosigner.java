package org.coopledger.governance.checkpoint;

import org.coopledger.governance.crypto.SigningKey;

/**
 * A witness's signing side: makes {@code tlog-cosignature} v1 cosignatures under a key name.
 *
 * <p>Cosigning states that the checkpoint is the largest tree head for its origin that the witness
 * has seen, consistent with everything it saw before. This class only signs; the caller (the node's
 * witness) must first verify the log's signature and a consistency proof from the last checkpoint
 * it cosigned. Per the spec, a witness uses a distinct Ed25519 key for each cosigner identity,
 * since the signed message does not commit to the name. Immutable and thread-safe.
 */
public final class Cosigner {
  private final SigningKey key;
  private final NoteVerifier verifier;

  private Cosigner(String name, SigningKey key) {
    this.key = key;
    this.verifier = NoteVerifier.of(name, SignatureType.COSIGNATURE_V1, key.publicKey());
  }

  /** A cosigner for {@code key} under {@code name} (non-empty, no spaces, no '+'). */
  public static Cosigner of(String name, SigningKey key) {
    return new Cosigner(NoteFormat.requireValidName(name), key);
  }

  public String name() {
    return verifier.name();
  }

  /** The matching verifier (type 0x04), whose verifier key string auditors pin. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /**
   * Cosigns {@code checkpoint} at {@code timestamp} (POSIX seconds, passed in so that this stays
   * free of clocks).
   */
  public Cosignature cosign(Checkpoint checkpoint, long timestamp) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature timestamp is 0 to 2^63-1");
    }
    byte[] signature = key.sign(Cosignature.message(checkpoint.body(), timestamp));
    return new Cosignature(verifier.name(), verifier.keyHash(), timestamp, signature);
  }

  @Override
  public String toString() {
    return "Cosigner[" + verifier.name() + "+" + verifier.keyHashHex() + "]";
  }
}
