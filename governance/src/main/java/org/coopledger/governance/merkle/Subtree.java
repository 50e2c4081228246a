package org.coopledger.governance.merkle;

import java.util.Objects;

/**
 * A complete subtree's hash and position: the perfect subtree at {@code level} over leaves {@code
 * [index << level, (index + 1) << level)}. This is the unit a store keeps (see {@link HashSource}).
 */
public record Subtree(int level, long index, Hash hash) {
  /** The highest level a tree with a {@code long} size can have. */
  public static final int MAX_LEVEL = 62;

  public Subtree {
    checkPosition(level, index);
    Objects.requireNonNull(hash, "hash");
  }

  /** The index of this subtree's first leaf. */
  public long firstLeaf() {
    return index << level;
  }

  static void checkPosition(int level, long index) {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "subtree level must be 0.." + MAX_LEVEL + ", got " + level);
    }
    if (index < 0 || index > (Long.MAX_VALUE >> level)) {
      throw new IllegalArgumentException(
          "subtree index " + index + " at level " + level + " is out of range");
    }
  }
}
