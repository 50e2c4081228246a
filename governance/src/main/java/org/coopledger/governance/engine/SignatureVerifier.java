package org.coopledger.governance.engine;

import org.coopledger.governance.crypto.PublicKey;

/**
 * The signature check the state machine calls for every signature on an entry. Fails closed: it
 * throws ({@link org.coopledger.governance.error.VerificationException}, code {@code
 * BAD_SIGNATURE}) and never returns a verdict to forget.
 *
 * <p>A node that already verified an entry's signatures before replication may pass a verifier that
 * skips exactly the (key, message, signature) triples it verified; the results of {@code apply}
 * must be the same as with {@link #CRYPTO}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SignatureVerifier {
  /** Verifies with Ed25519. */
  SignatureVerifier CRYPTO = PublicKey::verify;

  void verify(PublicKey key, byte[] message, byte[] signature);
}
