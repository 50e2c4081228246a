package org.coopledger.governance.clause;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coopledger.governance.clause.Clause.Vote;
import org.coopledger.governance.clause.ClauseContext.Ballot;
import org.coopledger.governance.crypto.KeyId;

/**
 * Tallies one {@link Vote}. Only the ballots of the vote's electorate count (as the context gives
 * it: fixed when the proposal opened, without members removed since). The quorum compares the
 * weight that voted (yes, no or abstain) with the eligible weight; the threshold compares yes with
 * yes + no. Before the window ends the outcome is final when the votes not yet cast cannot change
 * it: it passes early if it would pass both with every missing vote a no and with every missing
 * vote an abstention, and fails early if it would fail with every missing vote a yes.
 */
record VoteCount(BigInteger yes, BigInteger no, BigInteger abstain, BigInteger eligible) {

  static VoteCount tally(ClauseContext context, Vote vote) {
    BigInteger yes = BigInteger.ZERO;
    BigInteger no = BigInteger.ZERO;
    BigInteger abstain = BigInteger.ZERO;
    BigInteger eligible = BigInteger.ZERO;
    Map<KeyId, Ballot> ballots = new TreeMap<>(context.ballots());
    for (Map.Entry<KeyId, Long> voter : new TreeMap<>(context.voterWeights(vote)).entrySet()) {
      BigInteger weight = BigInteger.valueOf(Math.max(0, voter.getValue()));
      eligible = eligible.add(weight);
      Ballot ballot = ballots.get(voter.getKey());
      if (ballot == null) {
        continue;
      }
      switch (ballot) {
        case YES -> yes = yes.add(weight);
        case NO -> no = no.add(weight);
        case ABSTAIN -> abstain = abstain.add(weight);
      }
    }
    return new VoteCount(yes, no, abstain, eligible);
  }

  BigInteger remaining() {
    return eligible.subtract(yes).subtract(no).subtract(abstain);
  }

  /** When the vote's window ends. */
  static Instant closesAt(Vote vote, ClauseContext context) {
    return Times.plus(context.openedAt(), vote.window().duration());
  }

  /** HOLDS (passed), NEVER (failed) or PENDING, with whether the outcome is final. */
  Verdict outcome(Vote vote, ClauseContext context) {
    Instant closes = closesAt(vote, context);
    boolean closed = !context.now().isBefore(closes);
    BigInteger voted = yes.add(no).add(abstain);
    if (closed) {
      return passes(vote, voted, yes, no)
          ? Verdict.holds()
          : Verdict.never("vote failed (window closed at " + closes + "; " + summary(vote) + ")");
    }
    // Worst case for a pass: every missing vote a no, or every one an abstention (which leaves
    // nothing decisive when nobody has voted yes or no yet).
    if (passes(vote, voted, yes, no) && passes(vote, voted, yes, no.add(remaining()))) {
      return Verdict.holds();
    }
    if (!passes(vote, eligible, yes.add(remaining()), no)) {
      return Verdict.never("vote cannot pass any more (" + summary(vote) + ")");
    }
    return new Verdict(
        Verdict.State.PENDING,
        false,
        List.of("vote open until " + closes + " (" + summary(vote) + ")"));
  }

  private boolean passes(Vote vote, BigInteger voted, BigInteger yesVotes, BigInteger noVotes) {
    if (eligible.signum() <= 0 || vote.quorum().compareTo(voted, eligible) < 0) {
      return false;
    }
    BigInteger decisive = yesVotes.add(noVotes);
    if (decisive.signum() <= 0) {
      return false;
    }
    int against = vote.approve().compareTo(yesVotes, decisive);
    return vote.strict() ? against > 0 : against >= 0;
  }

  private String summary(Vote vote) {
    return "yes "
        + yes
        + ", no "
        + no
        + ", abstain "
        + abstain
        + " of "
        + eligible
        + " eligible; needs quorum "
        + vote.quorum()
        + " and approve"
        + (vote.strict() ? ">" : ">=")
        + vote.approve();
  }
}
