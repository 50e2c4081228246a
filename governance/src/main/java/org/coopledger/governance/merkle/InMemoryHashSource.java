package org.coopledger.governance.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A whole tree kept in memory: every complete subtree's hash, packed in byte arrays (about 64 bytes
 * per leaf in total). For auditors that rebuild a log from downloaded entries, and for tests.
 * Appending a leaf costs amortised one node hash and no allocation, so a million leaves take well
 * under a second.
 *
 * <p>Not thread-safe: confine it to one thread, or publish it safely after the last append.
 */
public final class InMemoryHashSource implements HashSource {
  // Fixed-size chunks keep a level growable without copying, and past 2^31 bytes.
  private static final int CHUNK_SHIFT = 15;
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT; // 1 MiB of hashes per chunk
  private static final int CHUNK_MASK = CHUNK_HASHES - 1;

  private final List<List<byte[]>> levels = new ArrayList<>();
  private final MessageDigest digest = TreeHasher.newSha256();
  private long size;

  /** A tree over the given entries' leaf hashes. */
  public static InMemoryHashSource ofEntries(List<byte[]> entries) {
    InMemoryHashSource tree = new InMemoryHashSource();
    for (byte[] entry : entries) {
      tree.appendEntry(entry);
    }
    return tree;
  }

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /** Appends an entry: hashes it as a leaf and appends that. */
  public void appendEntry(byte[] entry) {
    appendLeafHash(TreeHasher.leafHash(entry));
  }

  /** Appends a leaf by its leaf hash. */
  public void appendLeafHash(Hash leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("the tree is full");
    }
    long n = size;
    leafHash.copyTo(slot(0, n), offset(n));
    int level = 0;
    // While the new node is a right child, its parent just became complete.
    while ((n & 1) == 1) {
      byte[] parent = slot(level + 1, n >>> 1);
      TreeHasher.nodeHash(
          digest,
          chunk(level, n - 1),
          offset(n - 1),
          chunk(level, n),
          offset(n),
          parent,
          offset(n >>> 1));
      n >>>= 1;
      level++;
    }
    size++;
  }

  /** The root of the whole tree. */
  public Hash root() {
    return Proofs.root(this, size);
  }

  /** The root of the first {@code treeSize} leaves. */
  public Hash root(long treeSize) {
    checkSize(treeSize);
    return Proofs.root(this, treeSize);
  }

  /** The inclusion proof of leaf {@code index} in the tree of the first {@code treeSize} leaves. */
  public InclusionProof inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    return Proofs.inclusion(this, index, treeSize);
  }

  /**
   * The consistency proof between the trees of the first {@code size1} and {@code size2} leaves.
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    checkSize(size2);
    return Proofs.consistency(this, size1, size2);
  }

  /** The leaf hash at {@code index}. */
  public Hash leafHash(long index) {
    return subtree(0, index);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when that subtree is not complete in this tree
   */
  @Override
  public Hash subtree(int level, long index) {
    Subtree.checkPosition(level, index);
    if (index >= (size >>> level)) {
      throw new IllegalArgumentException(
          "subtree " + index + " at level " + level + " is not complete in a tree of size " + size);
    }
    byte[] hash = new byte[Hash.LENGTH];
    System.arraycopy(chunk(level, index), offset(index), hash, 0, Hash.LENGTH);
    return Hash.wrap(hash);
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " is not between 0 and the " + size + " leaves held");
    }
  }

  private byte[] chunk(int level, long index) {
    return levels.get(level).get((int) (index >>> CHUNK_SHIFT));
  }

  /** The chunk where the hash at (level, index) goes, growing the level as needed. */
  private byte[] slot(int level, long index) {
    while (levels.size() <= level) {
      levels.add(new ArrayList<>());
    }
    List<byte[]> chunks = levels.get(level);
    int chunkIndex = (int) (index >>> CHUNK_SHIFT);
    while (chunks.size() <= chunkIndex) {
      chunks.add(new byte[0]);
    }
    byte[] chunk = chunks.get(chunkIndex);
    int needed = offset(index) + Hash.LENGTH;
    if (chunk.length < needed) {
      // Start small and double, so small trees (and the sparse upper levels) stay small.
      int capacity = Math.max(needed, Math.min(2 * chunk.length, CHUNK_HASHES * Hash.LENGTH));
      chunk = Arrays.copyOf(chunk, Math.max(capacity, 16 * Hash.LENGTH));
      chunks.set(chunkIndex, chunk);
    }
    return chunk;
  }

  private static int offset(long index) {
    return (int) (index & CHUNK_MASK) * Hash.LENGTH;
  }
}
