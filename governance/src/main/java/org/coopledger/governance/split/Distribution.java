package org.coopledger.governance.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.crypto.MemberId;

/**
 * Divides an amount over a split exactly.
 *
 * <p>The rule (part of the protocol, documented in docs/governance.md): each member first gets
 * {@code floor(amount * bp / 10000)}. The units left over (fewer than the number of shares) go one
 * each to the members with the largest fractional remainder {@code (amount * bp) mod 10000}; equal
 * remainders are ordered by member id (lowercase hex, ascending). The shares therefore always sum
 * to the amount, and the result depends on nothing but the amount and the split.
 */
public final class Distribution {
  private Distribution() {}

  /**
   * Each member's part of {@code amountMinor}, by member id.
   *
   * @throws IllegalArgumentException if the amount is negative or the shares do not sum to 10 000
   */
  public static SortedMap<MemberId, Long> distribute(long amountMinor, List<Share> shares) {
    if (amountMinor < 0) {
      throw new IllegalArgumentException("cannot distribute a negative amount");
    }
    List<Share> valid = Split.validShares(shares);
    long whole = amountMinor / Split.TOTAL_BASIS_POINTS;
    long rest = amountMinor % Split.TOTAL_BASIS_POINTS;
    record Part(MemberId member, long floor, long remainder) {}
    List<Part> parts = new ArrayList<>(valid.size());
    long assigned = 0;
    for (Share share : valid) {
      // amount * bp / 10000 without overflow: (whole * 10000 + rest) * bp / 10000.
      long restTimesBp = rest * share.basisPoints();
      long floor = whole * share.basisPoints() + restTimesBp / Split.TOTAL_BASIS_POINTS;
      parts.add(new Part(share.member(), floor, restTimesBp % Split.TOTAL_BASIS_POINTS));
      assigned += floor;
    }
    long leftover = amountMinor - assigned;
    List<Part> byRemainder = new ArrayList<>(parts);
    Collections.sort(
        byRemainder,
        Comparator.comparingLong(Part::remainder).reversed().thenComparing(Part::member));
    SortedMap<MemberId, Long> out = new TreeMap<>();
    for (Part part : parts) {
      out.put(part.member(), part.floor());
    }
    for (int i = 0; i < leftover; i++) {
      out.merge(byRemainder.get(i).member(), 1L, Long::sum);
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
