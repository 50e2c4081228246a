package org.coopledger.governance.merkle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Roots and proofs read O(log n) stored hashes, however large the log: checked against a source
 * that fabricates a hash for any subtree and counts the reads, for sizes up to 2^50.
 */
class ProofCostTest {
  private static final class CountingSource implements HashSource {
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public Hash subtree(int level, long index) {
      reads.incrementAndGet();
      return TreeHasher.leafHash((level + "/" + index).getBytes(UTF_8));
    }
  }

  @Property(tries = 500)
  void anInclusionProofReadsAtMostTwoHashesPerLevel(
      @ForAll @LongRange(min = 1, max = 1L << 50) long size,
      @ForAll @LongRange(min = 0) long seed) {
    CountingSource source = new CountingSource();
    InclusionProof proof = Proofs.inclusion(source, seed % size, size);
    assertThat(source.reads.get()).isLessThanOrEqualTo(2 * levels(size));
    assertThat(proof.path()).hasSizeLessThanOrEqualTo(levels(size));
  }

  @Property(tries = 500)
  void aConsistencyProofReadsAtMostTwoHashesPerLevelPlusOne(
      @ForAll @LongRange(min = 1, max = 1L << 50) long size2,
      @ForAll @LongRange(min = 0) long seed) {
    CountingSource source = new CountingSource();
    Proofs.consistency(source, seed % (size2 + 1), size2);
    assertThat(source.reads.get()).isLessThanOrEqualTo(2 * levels(size2) + 1);
  }

  @Property(tries = 200)
  void aRootReadsOneHashPerSetBitOfTheSize(@ForAll @LongRange(min = 0, max = 1L << 50) long size) {
    CountingSource source = new CountingSource();
    Proofs.root(source, size);
    assertThat(source.reads.get()).isEqualTo(Long.bitCount(size));
  }

  /** ceil(log2(size)): the height of a tree of that size. */
  private static int levels(long size) {
    return size <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(size - 1);
  }
}
