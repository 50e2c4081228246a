package org.coopledger.governance.merkle;

import java.util.List;

/**
 * The hashes showing that the tree of {@code size1} leaves is a prefix of the tree of {@code size2}
 * leaves: the log only appended. Carries no validity by itself; call {@link #verify}.
 */
public record ConsistencyProof(long size1, long size2, List<Hash> path) {
  public ConsistencyProof {
    path = List.copyOf(path);
  }

  /**
   * Checks that {@code root1} (of size1) and {@code root2} (of size2) are roots of the same log
   * (RFC 9162 §2.1.4.2).
   *
   * @throws org.coopledger.governance.error.VerificationException with code {@code
   *     BAD_CONSISTENCY_PROOF} if they are not
   */
  public void verify(Hash root1, Hash root2) {
    ProofVerifier.verifyConsistency(size1, size2, root1, root2, path);
  }
}
