package org.coopledger.node.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.engine.SignatureVerifier;

/**
 * Remembers the (key, message, signature) triples this node verified before replication, so that
 * the single Raft apply thread does not verify them again. A triple is remembered by a SHA-256 of
 * all three parts: a signature verified for one message can never pass for another. Anything not
 * remembered (a follower, a replay after restart, an evicted triple) is verified with Ed25519, so
 * the outcome of apply is the same either way. Thread-safe.
 */
public final class VerifiedSignatures implements SignatureVerifier {
  private static final int LIMIT = 1 << 20;

  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  /** Verifies with Ed25519 and remembers the triple if it holds; throws if it does not. */
  public void verifyAndRemember(PublicKey key, byte[] message, byte[] signature) {
    SignatureVerifier.CRYPTO.verify(key, message, signature);
    if (verified.size() >= LIMIT) {
      // Entries that never reached apply (refused by the queue, lost on a leader change) would
      // otherwise pile up; forgetting only costs a second verification.
      verified.clear();
    }
    verified.add(fingerprint(key, message, signature));
  }

  @Override
  public void verify(PublicKey key, byte[] message, byte[] signature) {
    if (!verified.remove(fingerprint(key, message, signature))) {
      SignatureVerifier.CRYPTO.verify(key, message, signature);
    }
  }

  private static String fingerprint(PublicKey key, byte[] message, byte[] signature) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(key.raw());
      sha.update(sha256(message));
      sha.update(signature == null ? new byte[0] : signature);
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
