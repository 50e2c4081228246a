package org.coopledger.governance.clause;

import java.util.Map;
import org.coopledger.governance.clause.ClauseContext.Ballot;
import org.coopledger.governance.crypto.MemberId;

/**
 * The weight of one vote's electorate, in total ({@code eligible}) and by ballot. Only ballots of
 * voters in the electorate count. Weights are summed as {@code long}s, which is exact: each weight
 * is taken between 0 and {@link #MAX_WEIGHT} (the state machine's are 1 or basis points, at most
 * 10,000), so no sum over at most {@code Integer.MAX_VALUE} voters can overflow.
 */
public record VoteTally(long yes, long no, long abstain, long eligible) {
  /** The largest weight one voter counts with; larger weights count as this. */
  public static final long MAX_WEIGHT = 1L << 31;

  /** No electorate, no votes. */
  public static final VoteTally NONE = new VoteTally(0, 0, 0, 0);

  /** Sums {@code weights} (the electorate) and the ballots of its voters. */
  public static VoteTally of(Map<MemberId, Long> weights, Map<MemberId, Ballot> ballots) {
    long yes = 0;
    long no = 0;
    long abstain = 0;
    long eligible = 0;
    for (Map.Entry<MemberId, Long> voter : weights.entrySet()) {
      long weight = weight(voter.getValue());
      eligible += weight;
      Ballot ballot = ballots.get(voter.getKey());
      if (ballot != null) {
        switch (ballot) {
          case YES -> yes += weight;
          case NO -> no += weight;
          case ABSTAIN -> abstain += weight;
        }
      }
    }
    return new VoteTally(yes, no, abstain, eligible);
  }

  /**
   * This tally after a voter of {@code weight} (as {@code voterWeights} gives it; 0 or absent for
   * someone outside the electorate) replaced ballot {@code before} (null if they had not voted)
   * with {@code after}: what {@link #of} would give for the new ballots, without counting them all
   * again.
   */
  public VoteTally withBallot(Long weight, Ballot before, Ballot after) {
    long w = weight == null ? 0 : weight(weight);
    if (w == 0) {
      return this;
    }
    long y = yes;
    long n = no;
    long a = abstain;
    if (before != null) {
      switch (before) {
        case YES -> y -= w;
        case NO -> n -= w;
        case ABSTAIN -> a -= w;
      }
    }
    switch (after) {
      case YES -> y += w;
      case NO -> n += w;
      case ABSTAIN -> a += w;
    }
    return new VoteTally(y, n, a, eligible);
  }

  /** The weight that voted yes, no or abstain. */
  public long voted() {
    return yes + no + abstain;
  }

  /** The weight that has not voted. */
  public long remaining() {
    return eligible - voted();
  }

  private static long weight(Long value) {
    return Math.min(MAX_WEIGHT, Math.max(0, value));
  }
}
