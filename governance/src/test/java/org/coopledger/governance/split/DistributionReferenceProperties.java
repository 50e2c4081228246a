package org.coopledger.governance.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.crypto.MemberId;

/**
 * {@link Distribution} against an independent implementation of the rule in docs/governance.md,
 * written with {@link BigInteger} and the rule's own words: each member gets {@code floor(A * bp /
 * 10000)}; the units left over go one each to the largest remainders {@code (A * bp) mod 10000};
 * equal remainders are ordered by member id (lowercase hex, ascending).
 */
class DistributionReferenceProperties {
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

  /** The rule as written in docs/governance.md, with arbitrary-precision integers. */
  static Map<String, BigInteger> reference(long amount, List<Share> shares) {
    BigInteger a = BigInteger.valueOf(amount);
    Map<String, BigInteger> floors = new TreeMap<>();
    Map<String, BigInteger> remainders = new TreeMap<>();
    BigInteger assigned = BigInteger.ZERO;
    for (Share share : shares) {
      BigInteger[] qr =
          a.multiply(BigInteger.valueOf(share.basisPoints())).divideAndRemainder(TEN_THOUSAND);
      floors.put(share.member().hex(), qr[0]);
      remainders.put(share.member().hex(), qr[1]);
      assigned = assigned.add(qr[0]);
    }
    List<String> order = new ArrayList<>(remainders.keySet());
    order.sort(
        Comparator.comparing((String id) -> remainders.get(id))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    int leftover = a.subtract(assigned).intValueExact();
    for (int i = 0; i < leftover; i++) {
      floors.merge(order.get(i), BigInteger.ONE, BigInteger::add);
    }
    return floors;
  }

  private static Map<String, BigInteger> actual(long amount, List<Share> shares) {
    Map<String, BigInteger> out = new TreeMap<>();
    Distribution.distribute(amount, shares)
        .forEach((member, part) -> out.put(member.hex(), BigInteger.valueOf(part)));
    return out;
  }

  @Provide
  Arbitrary<String> memberIds() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
  }

  /** Any split of 10 000 basis points over 1..20 distinct members, in any order. */
  @Provide
  Arbitrary<List<Share>> splits() {
    return Arbitraries.integers()
        .between(1, 20)
        .flatMap(
            n ->
                Combinators.combine(
                        Arbitraries.integers().between(1, 9_999).set().ofSize(n - 1),
                        memberIds().set().ofSize(n))
                    .as(DistributionReferenceProperties::cut));
  }

  /**
   * Splits made of equal shares (plus one that takes what is left), so that many remainders tie and
   * the member-id order decides who gets the left-over units.
   */
  @Provide
  Arbitrary<List<Share>> tiedSplits() {
    return Arbitraries.integers()
        .between(2, 20)
        .flatMap(
            n ->
                memberIds()
                    .set()
                    .ofSize(n)
                    .map(
                        ids -> {
                          List<String> members = new ArrayList<>(ids);
                          int each = 10_000 / n;
                          List<Share> shares = new ArrayList<>();
                          for (int i = 0; i < n; i++) {
                            int bp = i == n - 1 ? 10_000 - each * (n - 1) : each;
                            shares.add(new Share(new MemberId(members.get(i)), bp));
                          }
                          Collections.shuffle(shares, new java.util.Random(members.hashCode()));
                          return shares;
                        }));
  }

  @Provide
  Arbitrary<Long> amounts() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(0, 100_000)),
        Tuple.of(2, Arbitraries.longs().between(0, Long.MAX_VALUE)),
        Tuple.of(1, Arbitraries.longs().between(Long.MAX_VALUE - 20_000, Long.MAX_VALUE)));
  }

  private static List<Share> cut(java.util.Set<Integer> cuts, java.util.Set<String> ids) {
    List<Integer> points = new ArrayList<>(cuts);
    Collections.sort(points);
    points.add(0, 0);
    points.add(10_000);
    List<String> members = new ArrayList<>(ids);
    List<Share> shares = new ArrayList<>();
    for (int i = 1; i < points.size(); i++) {
      shares.add(new Share(new MemberId(members.get(i - 1)), points.get(i) - points.get(i - 1)));
    }
    return shares;
  }

  @Property(tries = 2000)
  void distributionFollowsTheDocumentedRuleExactly(
      @ForAll("amounts") long amount, @ForAll("splits") List<Share> split) {
    assertThat(actual(amount, split)).isEqualTo(reference(amount, split));
  }

  @Property(tries = 1000)
  void tiedRemaindersGoToTheLowestMemberIdsFirst(
      @ForAll("amounts") long amount, @ForAll("tiedSplits") List<Share> split) {
    assertThat(actual(amount, split)).isEqualTo(reference(amount, split));
  }

  @Example
  void leftOverUnitsGoToTheLargestRemaindersNotTheLargestShares() {
    MemberId big = new MemberId("0".repeat(32));
    MemberId small = new MemberId("f".repeat(32));
    // 19 over 90 % / 10 %: 17.1 / 1.9 -> floors 17 / 1, one unit left. The larger remainder (.9)
    // is the smaller share's, so it gets the unit: 17 / 2 (not 18 / 1).
    assertThat(Distribution.distribute(19, List.of(new Share(big, 9_000), new Share(small, 1_000))))
        .containsEntry(big, 17L)
        .containsEntry(small, 2L);
  }

  @Example
  void threeWayTieHandsTheTwoLeftOverUnitsToTheTwoLowestIds() {
    MemberId a = new MemberId("0a".repeat(16));
    MemberId b = new MemberId("0b".repeat(16));
    MemberId c = new MemberId("0c".repeat(16));
    MemberId d = new MemberId("0d".repeat(16));
    // 6 over four quarters: 1.5 each -> floors 1, two units left, four equal remainders (5000):
    // the two lowest ids (a, b) get them, whatever order the shares come in.
    var parts =
        Distribution.distribute(
            6,
            List.of(
                new Share(d, 2_500),
                new Share(b, 2_500),
                new Share(c, 2_500),
                new Share(a, 2_500)));
    assertThat(parts)
        .containsEntry(a, 2L)
        .containsEntry(b, 2L)
        .containsEntry(c, 1L)
        .containsEntry(d, 1L);
  }

  @Example
  void theDocumentedExampleHoldsAndLargeAmountsDoNotOverflow() {
    MemberId alice = new MemberId("a1".repeat(16));
    MemberId bob = new MemberId("b0".repeat(16));
    MemberId carol = new MemberId("c0".repeat(16));
    List<Share> split =
        List.of(new Share(alice, 4_000), new Share(bob, 3_000), new Share(carol, 3_000));
    assertThat(Distribution.distribute(10_001, split))
        .containsEntry(alice, 4_001L)
        .containsEntry(bob, 3_000L)
        .containsEntry(carol, 3_000L);
    assertThat(actual(Long.MAX_VALUE, split)).isEqualTo(reference(Long.MAX_VALUE, split));
  }
}
