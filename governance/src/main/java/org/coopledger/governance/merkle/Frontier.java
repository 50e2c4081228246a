package org.coopledger.governance.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The right edge of a tree of a given size: the hashes of its maximal complete subtrees, one per
 * set bit of the size, largest (leftmost) first. O(log n) hashes are enough to append the next leaf
 * and to compute the current root, so a writer keeps only this in memory. Immutable and
 * thread-safe.
 */
public final class Frontier {
  private static final Frontier EMPTY = new Frontier(0, List.of());

  private final long size;
  private final List<Hash> hashes;

  private Frontier(long size, List<Hash> hashes) {
    this.size = size;
    this.hashes = hashes;
  }

  /** The frontier of the empty tree. */
  public static Frontier empty() {
    return EMPTY;
  }

  /**
   * A frontier from its size and its hashes, largest subtree first.
   *
   * @throws IllegalArgumentException unless there is exactly one hash per set bit of {@code size}
   */
  public static Frontier of(long size, List<Hash> hashes) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size must not be negative, got " + size);
    }
    List<Hash> copy = List.copyOf(hashes);
    if (copy.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "a tree of size "
              + size
              + " has "
              + Long.bitCount(size)
              + " maximal complete subtrees, got "
              + copy.size()
              + " hashes");
    }
    return new Frontier(size, copy);
  }

  /** Reads the frontier of a tree of {@code size} from a store: one read per set bit of size. */
  public static Frontier fromSource(HashSource source, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size must not be negative, got " + size);
    }
    List<Hash> hashes = new ArrayList<>(Long.bitCount(size));
    for (int level = Subtree.MAX_LEVEL; level >= 0; level--) {
      if ((size >>> level & 1) == 1) {
        hashes.add(Objects.requireNonNull(source.subtree(level, (size >>> level) - 1)));
      }
    }
    return new Frontier(size, List.copyOf(hashes));
  }

  public long size() {
    return size;
  }

  /** The hashes of the maximal complete subtrees, largest (leftmost) first. */
  public List<Hash> hashes() {
    return hashes;
  }

  /** The same hashes with their positions in the tree. */
  public List<Subtree> subtrees() {
    List<Subtree> result = new ArrayList<>(hashes.size());
    int next = 0;
    for (int level = Subtree.MAX_LEVEL; level >= 0; level--) {
      if ((size >>> level & 1) == 1) {
        result.add(new Subtree(level, (size >>> level) - 1, hashes.get(next++)));
      }
    }
    return List.copyOf(result);
  }

  /** The root of the tree of this size (RFC 9162 §2.1.1); the empty root for size 0. */
  public Hash root() {
    return foldRight(hashes);
  }

  /**
   * Appends one leaf. The result lists every subtree that the new leaf completed — the leaf itself
   * at level 0, then each parent up to the largest — which is exactly what a store must add to keep
   * answering {@link HashSource} for the new size.
   */
  public Appended append(Hash leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("the tree is full");
    }
    List<Hash> next = new ArrayList<>(hashes);
    List<Subtree> completed = new ArrayList<>();
    Hash hash = leafHash;
    int level = 0;
    completed.add(new Subtree(0, size, hash));
    // Each trailing 1 bit of the old size is a complete subtree of the same level just left of
    // the new one: merge them, as in binary addition with carries.
    while ((size >>> level & 1) == 1) {
      Hash left = next.remove(next.size() - 1);
      hash = TreeHasher.nodeHash(left, hash);
      level++;
      completed.add(new Subtree(level, size >>> level, hash));
    }
    next.add(hash);
    return new Appended(new Frontier(size + 1, List.copyOf(next)), List.copyOf(completed));
  }

  /** The outcome of {@link #append}: the new frontier and the subtrees that became complete. */
  public record Appended(Frontier frontier, List<Subtree> completed) {
    public Appended {
      Objects.requireNonNull(frontier, "frontier");
      completed = List.copyOf(completed);
    }
  }

  /**
   * The root of consecutive complete subtrees of strictly decreasing size, leftmost first: RFC 6962
   * hashes a tree's right part into a single right child, so fold from the right.
   */
  static Hash foldRight(List<Hash> subtreeHashes) {
    if (subtreeHashes.isEmpty()) {
      return TreeHasher.EMPTY_ROOT;
    }
    Hash root = subtreeHashes.get(subtreeHashes.size() - 1);
    for (int i = subtreeHashes.size() - 2; i >= 0; i--) {
      root = TreeHasher.nodeHash(subtreeHashes.get(i), root);
    }
    return root;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frontier other && size == other.size && hashes.equals(other.hashes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + hashes.hashCode();
  }

  @Override
  public String toString() {
    return "Frontier{size=" + size + ", root=" + root() + "}";
  }
}
