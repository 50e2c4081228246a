package org.coopledger.governance.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Appending through a {@link Frontier} yields exactly the complete subtrees a store needs, with the
 * hashes the RFC's definition gives, and a store built only from those answers every proof.
 */
class FrontierProperties {
  @Property(tries = 60)
  void eachAppendCompletesExactlyTheSubtreesEndingAtTheNewSize(
      @ForAll @IntRange(min = 0, max = 700) int size) {
    List<byte[]> entries = ProofProperties.entries(size);
    ReferenceTree reference = ReferenceTree.ofEntries(entries);
    Frontier frontier = Frontier.empty();
    for (int n = 1; n <= size; n++) {
      Frontier.Appended appended = frontier.append(TreeHasher.leafHash(entries.get(n - 1)));
      List<Subtree> expected = new ArrayList<>();
      for (int level = 0; (1 << level) <= n && n % (1 << level) == 0; level++) {
        long index = (n >> level) - 1;
        int first = (int) (index << level);
        expected.add(new Subtree(level, index, reference.mth(first, first + (1 << level))));
      }
      assertThat(appended.completed()).as("completed at size %d", n).isEqualTo(expected);
      frontier = appended.frontier();
      assertThat(frontier.size()).isEqualTo(n);
      assertThat(frontier.root()).as("root at size %d", n).isEqualTo(reference.root(n));
    }
  }

  @Property(tries = 40)
  void aStoreHoldingOnlyTheCompletedSubtreesServesEveryRootAndProof(
      @ForAll @IntRange(min = 1, max = 600) int size, @ForAll @IntRange(min = 0) int seed) {
    List<byte[]> entries = ProofProperties.entries(size);
    Map<List<Long>, Hash> store = new HashMap<>();
    Frontier frontier = Frontier.empty();
    for (byte[] entry : entries) {
      Frontier.Appended appended = frontier.append(TreeHasher.leafHash(entry));
      for (Subtree subtree : appended.completed()) {
        Hash previous = store.put(List.of((long) subtree.level(), subtree.index()), subtree.hash());
        assertThat(previous).as("subtree written twice").isNull();
      }
      frontier = appended.frontier();
    }
    HashSource source =
        (level, index) -> {
          Hash hash = store.get(List.of((long) level, index));
          if (hash == null) {
            throw new IllegalStateException("no subtree " + index + " at level " + level);
          }
          return hash;
        };
    InMemoryHashSource tree = InMemoryHashSource.ofEntries(entries);
    int size1 = seed % (size + 1);
    int index = seed % size;
    assertThat(Proofs.root(source, size1)).isEqualTo(tree.root(size1));
    assertThat(Proofs.inclusion(source, index, size)).isEqualTo(tree.inclusionProof(index, size));
    assertThat(Proofs.consistency(source, size1, size))
        .isEqualTo(tree.consistencyProof(size1, size));
    assertThat(Frontier.fromSource(source, size)).isEqualTo(frontier);
    assertThat(Frontier.fromSource(source, size1).root()).isEqualTo(tree.root(size1));
  }

  @Property(tries = 100)
  void theInMemoryTreeHoldsEveryCompleteSubtreeAndNothingElse(
      @ForAll @IntRange(min = 0, max = 300) int size) {
    List<byte[]> entries = ProofProperties.entries(size);
    ReferenceTree reference = ReferenceTree.ofEntries(entries);
    InMemoryHashSource tree = InMemoryHashSource.ofEntries(entries);
    for (int level = 0; (1 << level) <= size; level++) {
      int width = 1 << level;
      for (int index = 0; (index + 1) * width <= size; index++) {
        assertThat(tree.subtree(level, index))
            .isEqualTo(reference.mth(index * width, (index + 1) * width));
      }
      int incomplete = size / width;
      int atLevel = level;
      assertThatThrownBy(() -> tree.subtree(atLevel, incomplete))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not complete");
    }
  }

  @Test
  void aFrontierNeedsOneHashPerSetBitOfItsSize() {
    Hash hash = TreeHasher.leafHash(new byte[0]);
    assertThat(Frontier.of(5, List.of(hash, hash)).size()).isEqualTo(5);
    assertThatThrownBy(() -> Frontier.of(5, List.of(hash)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size 5 has 2 maximal complete subtrees, got 1");
    assertThatThrownBy(() -> Frontier.of(-1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void frontierSubtreesCarryTheirPositions() {
    InMemoryHashSource tree = InMemoryHashSource.ofEntries(ProofProperties.entries(13));
    Frontier frontier = Frontier.fromSource(tree, 13);
    assertThat(frontier.subtrees())
        .containsExactly(
            new Subtree(3, 0, tree.subtree(3, 0)),
            new Subtree(2, 2, tree.subtree(2, 2)),
            new Subtree(0, 12, tree.subtree(0, 12)));
  }
}
