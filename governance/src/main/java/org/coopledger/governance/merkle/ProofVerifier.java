package org.coopledger.governance.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.coopledger.governance.error.VerificationException;

/**
 * Verification of inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2
 * describe it. Every failure throws a {@link VerificationException} whose message says which check
 * failed; nothing returns a boolean. Stateless and thread-safe.
 */
public final class ProofVerifier {
  /** Error code of a failed inclusion proof. */
  public static final String BAD_INCLUSION_PROOF = "BAD_INCLUSION_PROOF";

  /** Error code of a failed consistency proof. */
  public static final String BAD_CONSISTENCY_PROOF = "BAD_CONSISTENCY_PROOF";

  private ProofVerifier() {}

  /**
   * Checks that {@code path} proves leaf {@code leafHash} at {@code leafIndex} in the tree of
   * {@code treeSize} leaves whose root is {@code root}.
   *
   * <p>{@code root} must come from a source that binds it to {@code treeSize}, such as a signed
   * checkpoint: as in RFC 9162, a path alone does not pin the size (the path of leaf 0 in a tree of
   * 8 also checks out as "size 7" against the size-8 root).
   */
  public static void verifyInclusion(
      long leafIndex, long treeSize, Hash leafHash, List<Hash> path, Hash root) {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(path, "path");
    String what = "inclusion proof of leaf " + leafIndex + " in a tree of size " + treeSize;
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new VerificationException(
          BAD_INCLUSION_PROOF, what + ": the leaf index is not inside the tree");
    }
    long fn = leafIndex;
    long sn = treeSize - 1;
    Hash r = leafHash;
    for (Hash p : path) {
      if (sn == 0) {
        throw new VerificationException(
            BAD_INCLUSION_PROOF,
            what + " has " + path.size() + " hashes, more than the tree has levels");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = TreeHasher.nodeHash(p, r);
        // The leaf sits on the right edge of an incomplete tree: skip the levels where it has no
        // sibling.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = TreeHasher.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new VerificationException(
          BAD_INCLUSION_PROOF, what + " has " + path.size() + " hashes, too few to reach the root");
    }
    if (!r.equals(root)) {
      throw new VerificationException(
          BAD_INCLUSION_PROOF, what + " leads to root " + r + ", not to the expected root " + root);
    }
  }

  /**
   * Checks that {@code path} proves that the tree of {@code size1} leaves with root {@code root1}
   * is a prefix of the tree of {@code size2} leaves with root {@code root2}.
   */
  public static void verifyConsistency(
      long size1, long size2, Hash root1, Hash root2, List<Hash> path) {
    Objects.requireNonNull(root1, "root1");
    Objects.requireNonNull(root2, "root2");
    Objects.requireNonNull(path, "path");
    String what = "consistency proof from size " + size1 + " to size " + size2;
    if (size1 < 0 || size1 > size2) {
      throw new VerificationException(
          BAD_CONSISTENCY_PROOF, what + ": the first size must be between 0 and the second size");
    }
    if (size1 == 0 || size1 == size2) {
      if (!path.isEmpty()) {
        throw new VerificationException(
            BAD_CONSISTENCY_PROOF, what + " must be empty, but has " + path.size() + " hashes");
      }
      if (size1 == 0 && !root1.equals(TreeHasher.EMPTY_ROOT)) {
        throw new VerificationException(
            BAD_CONSISTENCY_PROOF, what + ": root " + root1 + " is not the root of the empty tree");
      }
      if (size1 == size2 && !root1.equals(root2)) {
        throw new VerificationException(
            BAD_CONSISTENCY_PROOF,
            what + ": the two roots " + root1 + " and " + root2 + " differ for the same size");
      }
      return;
    }
    if (path.isEmpty()) {
      throw new VerificationException(BAD_CONSISTENCY_PROOF, what + " is empty");
    }
    List<Hash> hashes = path;
    if (Long.bitCount(size1) == 1) {
      // The old tree is a complete subtree of the new one, so the proof omits its root.
      hashes = new ArrayList<>(path.size() + 1);
      hashes.add(root1);
      hashes.addAll(path);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Hash fr = hashes.get(0);
    Hash sr = hashes.get(0);
    for (Hash c : hashes.subList(1, hashes.size())) {
      if (sn == 0) {
        throw new VerificationException(
            BAD_CONSISTENCY_PROOF,
            what + " has " + path.size() + " hashes, more than the tree has levels");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = TreeHasher.nodeHash(c, fr);
        sr = TreeHasher.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = TreeHasher.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new VerificationException(
          BAD_CONSISTENCY_PROOF,
          what + " has " + path.size() + " hashes, too few to reach the new root");
    }
    if (!fr.equals(root1)) {
      throw new VerificationException(
          BAD_CONSISTENCY_PROOF,
          what + " leads to old root " + fr + ", not to the expected old root " + root1);
    }
    if (!sr.equals(root2)) {
      throw new VerificationException(
          BAD_CONSISTENCY_PROOF,
          what + " leads to new root " + sr + ", not to the expected new root " + root2);
    }
  }
}
