package org.coopledger.governance.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Roots and proofs of a log whose complete subtrees a {@link HashSource} holds (RFC 9162 §2.1.1,
 * §2.1.3.1, §2.1.4.1). Every method reads O(log n) subtree hashes: a part of the tree whose size is
 * not a power of two is composed from its at most log2(n) maximal complete subtrees rather than
 * rehashed from its leaves. Stateless and thread-safe when the source is.
 */
public final class Proofs {
  private Proofs() {}

  /** The root of the first {@code size} leaves; the empty root for size 0. */
  public static Hash root(HashSource source, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size must not be negative, got " + size);
    }
    return rangeRoot(source, 0, size);
  }

  /**
   * The inclusion proof (audit path, RFC 9162 §2.1.3.1) of leaf {@code index} in the tree of the
   * first {@code size} leaves, sibling of the leaf first.
   */
  public static InclusionProof inclusion(HashSource source, long index, long size) {
    Objects.requireNonNull(source, "source");
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of size " + size);
    }
    // Walk down from the root as PATH(m, D[n]) recurses, collecting the sibling at each step.
    List<Hash> topDown = new ArrayList<>();
    long start = 0;
    long n = size;
    long m = index;
    while (n > 1) {
      long k = Long.highestOneBit(n - 1); // the largest power of two smaller than n
      if (m < k) {
        topDown.add(rangeRoot(source, start + k, n - k));
        n = k;
      } else {
        topDown.add(perfect(source, start, k));
        start += k;
        m -= k;
        n -= k;
      }
    }
    Collections.reverse(topDown);
    return new InclusionProof(index, size, topDown);
  }

  /**
   * The consistency proof (RFC 9162 §2.1.4.1) that the tree of {@code size1} leaves is a prefix of
   * the tree of {@code size2} leaves. Empty when {@code size1} is 0 or equals {@code size2}.
   */
  public static ConsistencyProof consistency(HashSource source, long size1, long size2) {
    Objects.requireNonNull(source, "source");
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "a consistency proof needs 0 <= size1 <= size2, got " + size1 + " and " + size2);
    }
    if (size1 == 0 || size1 == size2) {
      return new ConsistencyProof(size1, size2, List.of());
    }
    // Walk down as SUBPROOF(m, D[n], b) recurses; b turns false once we step right.
    List<Hash> topDown = new ArrayList<>();
    long start = 0;
    long m = size1;
    long n = size2;
    boolean wholeOldTree = true;
    while (m != n) {
      long k = Long.highestOneBit(n - 1);
      if (m <= k) {
        topDown.add(rangeRoot(source, start + k, n - k));
        n = k;
      } else {
        topDown.add(perfect(source, start, k));
        start += k;
        m -= k;
        n -= k;
        wholeOldTree = false;
      }
    }
    List<Hash> path = new ArrayList<>(topDown.size() + 1);
    if (!wholeOldTree) {
      // The walk can only stop right after a step left, so n (= m) is a power of two here.
      path.add(perfect(source, start, n));
    }
    Collections.reverse(topDown);
    path.addAll(topDown);
    return new ConsistencyProof(size1, size2, path);
  }

  /**
   * The RFC 6962 hash of leaves {@code [start, start + count)}, where {@code start} is a multiple
   * of a power of two at least {@code count}: the subtrees for the set bits of {@code count},
   * folded from the right.
   */
  static Hash rangeRoot(HashSource source, long start, long count) {
    List<Hash> parts = new ArrayList<>(Long.bitCount(count));
    long position = start;
    for (int level = Subtree.MAX_LEVEL; level >= 0; level--) {
      if ((count >>> level & 1) == 1) {
        parts.add(Objects.requireNonNull(source.subtree(level, position >>> level)));
        position += 1L << level;
      }
    }
    return Frontier.foldRight(parts);
  }

  private static Hash perfect(HashSource source, long start, long width) {
    int level = Long.numberOfTrailingZeros(width);
    return Objects.requireNonNull(source.subtree(level, start >>> level));
  }
}
