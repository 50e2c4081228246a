package org.coopledger.governance.merkle;

/**
 * Where the tree's stored hashes come from: a port that a store (RocksDB in the node, memory in an
 * auditor) implements.
 *
 * <p>It only ever answers for <em>complete</em> subtrees. A complete subtree never changes once its
 * last leaf is appended, so a store can write its hash once, in the same batch as that leaf (see
 * {@link Frontier#append}), and never rewrite it. Roots and proofs of any size are composed from at
 * most O(log n) such hashes by {@link Proofs}.
 */
@FunctionalInterface
public interface HashSource {
  /**
   * The hash of the perfect subtree at {@code level} over leaves {@code [index << level, (index +
   * 1) << level)}; level 0 holds the leaf hashes themselves.
   *
   * @throws RuntimeException (implementation-specific) when the subtree is not complete in the
   *     stored tree or its hash is missing; callers must not turn that into a wrong answer
   */
  Hash subtree(int level, long index);
}
