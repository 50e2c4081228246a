package org.coopledger.governance.split;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.crypto.MemberId;

/**
 * A version of the co-op's revenue split: shares sorted by member id, summing to exactly 10 000
 * basis points. {@code version} counts from 1; {@code adoptedAtMillis} is the accepted time of the
 * entry that put it in force.
 */
public record Split(int version, long adoptedAtMillis, List<Share> shares) {
  public static final int TOTAL_BASIS_POINTS = 10_000;

  public Split {
    if (version < 1) {
      throw new IllegalArgumentException("split versions count from 1");
    }
    shares = validShares(shares);
  }

  /**
   * Checks {@code shares} (one per member, summing to 10 000) and sorts them by member id.
   *
   * @throws SplitException with code {@code SPLIT_NOT_10000} or {@code INVALID_ACTION}
   */
  public static List<Share> validShares(List<Share> shares) {
    if (shares == null || shares.isEmpty()) {
      throw new SplitException("SPLIT_NOT_10000", "a split needs at least one share");
    }
    Set<MemberId> seen = new HashSet<>();
    long sum = 0;
    for (Share share : shares) {
      if (!seen.add(share.member())) {
        throw new SplitException(
            "INVALID_ACTION", "member " + share.member() + " appears twice in the split");
      }
      sum += share.basisPoints();
    }
    if (sum != TOTAL_BASIS_POINTS) {
      throw new SplitException(
          "SPLIT_NOT_10000",
          "the shares add up to "
              + sum
              + " basis points; they must add up to exactly 10000 (100.00 %)"
              + (sum < TOTAL_BASIS_POINTS
                  ? ", " + (TOTAL_BASIS_POINTS - sum) + " are unassigned"
                  : ", " + (sum - TOTAL_BASIS_POINTS) + " too many"));
    }
    return shares.stream().sorted(Comparator.comparing(Share::member)).toList();
  }

  /** The basis points of {@code member}, 0 if they have no share. */
  public int basisPointsOf(MemberId member) {
    return shareOf(member).map(Share::basisPoints).orElse(0);
  }

  public Optional<Share> shareOf(MemberId member) {
    return shares.stream().filter(s -> s.member().equals(member)).findFirst();
  }
}
