package org.coopledger.governance.merkle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.coopledger.governance.merkle.Rfc6962VectorsTest.assertConsistencyFails;
import static org.coopledger.governance.merkle.Rfc6962VectorsTest.assertInclusionFails;
import static org.coopledger.governance.merkle.Rfc6962VectorsTest.with;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For random tree sizes, proofs generated over stored subtree hashes equal the RFC's recursive
 * definitions, verify, and stop verifying under any mutation of a hash, the index, a size or a
 * root.
 */
class ProofProperties {
  private static final int MAX = 1100;
  private static final List<byte[]> ENTRIES = entries(MAX);
  private static final InMemoryHashSource TREE = InMemoryHashSource.ofEntries(ENTRIES);
  private static final ReferenceTree REFERENCE = ReferenceTree.ofEntries(ENTRIES);

  @Property(tries = 300)
  void everyRootEqualsTheRecursiveDefinition(@ForAll @IntRange(min = 0, max = MAX) int size) {
    assertThat(TREE.root(size)).isEqualTo(REFERENCE.root(size));
  }

  @Property(tries = 300)
  void everyInclusionProofEqualsTheRfcPathAndVerifies(
      @ForAll @IntRange(min = 1, max = MAX) int size, @ForAll @IntRange(min = 0) int seed) {
    int index = seed % size;
    InclusionProof proof = TREE.inclusionProof(index, size);
    assertThat(proof.path()).isEqualTo(REFERENCE.path(index, size));
    proof.verify(TREE.leafHash(index), REFERENCE.root(size));
  }

  @Property(tries = 300)
  void everyConsistencyProofEqualsTheRfcProofAndVerifies(
      @ForAll @IntRange(min = 0, max = MAX) int size2, @ForAll @IntRange(min = 0) int seed) {
    int size1 = seed % (size2 + 1);
    ConsistencyProof proof = TREE.consistencyProof(size1, size2);
    assertThat(proof.path()).isEqualTo(REFERENCE.proof(size1, size2));
    proof.verify(REFERENCE.root(size1), REFERENCE.root(size2));
  }

  @Property(tries = 300)
  void anInclusionProofWithAnyFlippedBitFails(
      @ForAll @IntRange(min = 2, max = MAX) int size,
      @ForAll @IntRange(min = 0) int seed,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    int index = seed % size;
    List<Hash> path = TREE.inclusionProof(index, size).path();
    List<Hash> mutated = flipAnyBit(path, seed % path.size(), bit);
    assertInclusionFails(index, size, TREE.leafHash(index), mutated, TREE.root(size));
  }

  @Property(tries = 300)
  void anInclusionProofFailsForAnyOtherIndexOrLeaf(
      @ForAll @IntRange(min = 2, max = MAX) int size,
      @ForAll @IntRange(min = 0) int seed,
      @ForAll @IntRange(min = 0) int otherSeed) {
    int index = seed % size;
    int other = otherSeed % (size + 2);
    Assume.that(other != index);
    InclusionProof proof = TREE.inclusionProof(index, size);
    Hash root = TREE.root(size);
    assertInclusionFails(other, size, TREE.leafHash(index), proof.path(), root);
    if (other < MAX) {
      assertInclusionFails(index, size, TREE.leafHash(other), proof.path(), root);
    }
  }

  /**
   * A size is authenticated by the signed checkpoint next to its root, not by the path: the path
   * for (i, n) can also check out as (i, n') against the root of n when both trees have the same
   * shape on the way from leaf i up. What must never pass is the honest-looking claim of another
   * size with that size's real root.
   */
  @Property(tries = 300)
  void anInclusionProofFailsForAnyOtherSizeWithThatSizesRoot(
      @ForAll @IntRange(min = 1, max = MAX) int size,
      @ForAll @IntRange(min = 0) int seed,
      @ForAll @IntRange(min = 0, max = MAX) int otherSize) {
    int index = seed % size;
    Assume.that(otherSize != size);
    InclusionProof proof = TREE.inclusionProof(index, size);
    assertInclusionFails(
        index, otherSize, TREE.leafHash(index), proof.path(), REFERENCE.root(otherSize));
  }

  @Property(tries = 300)
  void anInclusionProofFailsAgainstAnyOtherRootOrWithAHashAddedOrRemoved(
      @ForAll @IntRange(min = 1, max = MAX) int size,
      @ForAll @IntRange(min = 0) int seed,
      @ForAll @IntRange(min = 0, max = MAX) int otherSize) {
    int index = seed % size;
    Assume.that(otherSize != size);
    List<Hash> path = TREE.inclusionProof(index, size).path();
    Hash leaf = TREE.leafHash(index);
    Hash root = TREE.root(size);
    assertInclusionFails(index, size, leaf, path, TREE.root(otherSize));
    assertInclusionFails(index, size, leaf, with(path, seed % (path.size() + 1), root), root);
    if (!path.isEmpty()) {
      List<Hash> shorter = new ArrayList<>(path);
      shorter.remove(seed % path.size());
      assertInclusionFails(index, size, leaf, shorter, root);
    }
  }

  @Property(tries = 300)
  void aConsistencyProofWithAnyFlippedBitFails(
      @ForAll @IntRange(min = 2, max = MAX) int size2,
      @ForAll @IntRange(min = 0) int seed,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    int size1 = 1 + seed % (size2 - 1);
    List<Hash> path = TREE.consistencyProof(size1, size2).path();
    List<Hash> mutated = flipAnyBit(path, seed % path.size(), bit);
    assertConsistencyFails(size1, size2, TREE.root(size1), TREE.root(size2), mutated);
  }

  @Property(tries = 300)
  void aConsistencyProofFailsForAnyOtherSizeWithThatSizesRoot(
      @ForAll @IntRange(min = 2, max = MAX) int size2,
      @ForAll @IntRange(min = 0) int seed,
      @ForAll @IntRange(min = 0, max = MAX) int other) {
    int size1 = 1 + seed % (size2 - 1);
    List<Hash> path = TREE.consistencyProof(size1, size2).path();
    if (other != size1 && other <= size2) {
      Assume.that(!TREE.consistencyProof(other, size2).path().equals(path));
      assertConsistencyFails(other, size2, TREE.root(other), TREE.root(size2), path);
    }
    if (other != size2 && other >= size1) {
      Assume.that(!TREE.consistencyProof(size1, other).path().equals(path));
      assertConsistencyFails(size1, other, TREE.root(size1), TREE.root(other), path);
    }
  }

  @Property(tries = 300)
  void aConsistencyProofFailsAgainstAnyOtherRootOrWithAHashAddedOrRemoved(
      @ForAll @IntRange(min = 2, max = MAX) int size2,
      @ForAll @IntRange(min = 0) int seed,
      @ForAll @IntRange(min = 0, max = MAX) int other) {
    int size1 = 1 + seed % (size2 - 1);
    List<Hash> path = TREE.consistencyProof(size1, size2).path();
    Hash root1 = TREE.root(size1);
    Hash root2 = TREE.root(size2);
    if (other != size1) {
      assertConsistencyFails(size1, size2, TREE.root(other), root2, path);
    }
    if (other != size2) {
      assertConsistencyFails(size1, size2, root1, TREE.root(other), path);
    }
    assertConsistencyFails(size1, size2, root1, root2, with(path, seed % (path.size() + 1), root1));
    List<Hash> shorter = new ArrayList<>(path);
    shorter.remove(seed % path.size());
    assertConsistencyFails(size1, size2, root1, root2, shorter);
  }

  private static List<Hash> flipAnyBit(List<Hash> path, int index, int bit) {
    List<Hash> copy = new ArrayList<>(path);
    byte[] bytes = copy.get(index).bytes();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    copy.set(index, Hash.of(bytes));
    return copy;
  }

  static List<byte[]> entries(int count) {
    List<byte[]> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(("entry " + i).getBytes(UTF_8));
    }
    return entries;
  }
}
