package org.coopledger.governance.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 §2.1 definitions of MTH, PATH and PROOF, transcribed as the RFC writes them
 * (recursive, rehashing from the leaves every time). Slow and obviously right: the yardstick for
 * the O(log n) implementations.
 */
final class ReferenceTree {
  private final List<Hash> leaves;

  ReferenceTree(List<Hash> leaves) {
    this.leaves = List.copyOf(leaves);
  }

  static ReferenceTree ofEntries(List<byte[]> entries) {
    return new ReferenceTree(entries.stream().map(TreeHasher::leafHash).toList());
  }

  /** MTH(D[from:to]). */
  Hash mth(int from, int to) {
    int n = to - from;
    if (n == 0) {
      return TreeHasher.EMPTY_ROOT;
    }
    if (n == 1) {
      return leaves.get(from);
    }
    int k = largestPowerOfTwoBelow(n);
    return TreeHasher.nodeHash(mth(from, from + k), mth(from + k, to));
  }

  Hash root(int size) {
    return mth(0, size);
  }

  /** PATH(m, D[0:n]). */
  List<Hash> path(int m, int size) {
    return path(m, 0, size);
  }

  private List<Hash> path(int m, int from, int to) {
    int n = to - from;
    List<Hash> result = new ArrayList<>();
    if (n <= 1) {
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      result.addAll(path(m, from, from + k));
      result.add(mth(from + k, to));
    } else {
      result.addAll(path(m - k, from + k, to));
      result.add(mth(from, from + k));
    }
    return result;
  }

  /** PROOF(m, D[0:n]). */
  List<Hash> proof(int m, int size) {
    if (m == 0) {
      return List.of(); // RFC 9162 only defines 0 < m; an empty tree is a prefix of every tree
    }
    return subproof(m, 0, size, true);
  }

  private List<Hash> subproof(int m, int from, int to, boolean b) {
    int n = to - from;
    List<Hash> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(from, to));
      }
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      result.addAll(subproof(m, from, from + k, b));
      result.add(mth(from + k, to));
    } else {
      result.addAll(subproof(m - k, from + k, to, false));
      result.add(mth(from, from + k));
    }
    return result;
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
