package org.coopledger.governance.merkle;

import java.util.List;

/**
 * The audit path showing that leaf {@code leafIndex} is in the tree of {@code treeSize} leaves:
 * sibling hashes from the leaf up to the root. Carries no validity by itself; call {@link #verify}.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {
  public InclusionProof {
    path = List.copyOf(path);
  }

  /**
   * Checks that this path leads from {@code leafHash} to {@code root} (RFC 9162 §2.1.3.2).
   *
   * @throws org.coopledger.governance.error.VerificationException with code {@code
   *     BAD_INCLUSION_PROOF} if it does not
   */
  public void verify(Hash leafHash, Hash root) {
    ProofVerifier.verifyInclusion(leafIndex, treeSize, leafHash, path, root);
  }
}
