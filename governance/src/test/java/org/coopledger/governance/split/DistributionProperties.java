package org.coopledger.governance.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.crypto.MemberId;

class DistributionProperties {

  @Provide
  Arbitrary<List<Share>> splits() {
    return Arbitraries.integers()
        .between(1, 12)
        .flatMap(
            n ->
                Arbitraries.integers()
                    .between(1, 9_999)
                    .set()
                    .ofSize(n - 1)
                    .map(
                        cuts -> {
                          List<Integer> points = new ArrayList<>(cuts);
                          Collections.sort(points);
                          points.add(0, 0);
                          points.add(10_000);
                          List<Share> shares = new ArrayList<>();
                          for (int i = 1; i < points.size(); i++) {
                            String hex = String.format("%032x", (i * 7919L) % 1000);
                            shares.add(
                                new Share(new MemberId(hex), points.get(i) - points.get(i - 1)));
                          }
                          return shares;
                        }));
  }

  @Property
  void distributedSharesAlwaysSumToTheAmount(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long amount,
      @ForAll("splits") List<Share> split) {
    SortedMap<MemberId, Long> parts = Distribution.distribute(amount, split);
    BigInteger sum = BigInteger.ZERO;
    for (long part : parts.values()) {
      sum = sum.add(BigInteger.valueOf(part));
    }
    assertThat(sum).isEqualTo(BigInteger.valueOf(amount));
  }

  @Property
  void eachShareIsItsExactPartRoundedDownOrUp(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long amount,
      @ForAll("splits") List<Share> split) {
    SortedMap<MemberId, Long> parts = Distribution.distribute(amount, split);
    for (Share share : split) {
      BigInteger exactFloor =
          BigInteger.valueOf(amount)
              .multiply(BigInteger.valueOf(share.basisPoints()))
              .divide(BigInteger.valueOf(10_000));
      long part = parts.get(share.member());
      assertThat(BigInteger.valueOf(part).subtract(exactFloor))
          .isBetween(BigInteger.ZERO, BigInteger.ONE);
    }
  }

  @Property
  void theOrderOfTheSharesDoesNotMatter(
      @ForAll @LongRange(min = 0, max = 10_000_000) long amount,
      @ForAll("splits") List<Share> split) {
    List<Share> reversed = new ArrayList<>(split);
    Collections.reverse(reversed);
    assertThat(Distribution.distribute(amount, reversed))
        .isEqualTo(Distribution.distribute(amount, split));
  }

  @Example
  void leftOverUnitsGoToTheLargestRemainderThenTheLowestMemberId() {
    MemberId a = new MemberId("a".repeat(32));
    MemberId b = new MemberId("b".repeat(32));
    MemberId c = new MemberId("c".repeat(32));
    // 100 over three equal-ish shares: 33.33 / 33.33 / 33.34 -> the remainder unit goes to c (.34).
    var parts =
        Distribution.distribute(
            100, List.of(new Share(a, 3333), new Share(b, 3333), new Share(c, 3334)));
    assertThat(parts).containsEntry(a, 33L).containsEntry(b, 33L).containsEntry(c, 34L);
    // 1 over two halves: equal remainders, so the lowest member id (a) gets the unit.
    var tie = Distribution.distribute(1, List.of(new Share(b, 5000), new Share(a, 5000)));
    assertThat(tie).containsEntry(a, 1L).containsEntry(b, 0L);
  }
}
