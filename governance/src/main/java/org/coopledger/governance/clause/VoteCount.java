package org.coopledger.governance.clause;

import java.time.Instant;
import java.util.List;
import org.coopledger.governance.clause.Clause.Vote;

/**
 * Decides one {@link Vote} from its tally ({@link ClauseContext#tally}: only the ballots of the
 * vote's electorate count, as the context gives it: fixed when the proposal opened, without members
 * removed since). The quorum compares the weight that voted (yes, no or abstain) with the eligible
 * weight; the threshold compares yes with yes + no. Before the window ends the outcome is final
 * when the votes not yet cast cannot change it: it passes early if it would pass both with every
 * missing vote a no and with every missing vote an abstention, and fails early if it would fail
 * with every missing vote a yes. All arithmetic is exact ({@code long} sums, 128-bit products).
 */
record VoteCount(VoteTally tally) {

  static VoteCount tally(ClauseContext context, Vote vote) {
    return new VoteCount(context.tally(vote));
  }

  /** When the vote's window ends. */
  static Instant closesAt(Vote vote, ClauseContext context) {
    return Times.plus(context.openedAt(), vote.window().duration());
  }

  /** HOLDS (passed), NEVER (failed) or PENDING, with whether the outcome is final. */
  Verdict outcome(Vote vote, ClauseContext context) {
    Instant closes = closesAt(vote, context);
    boolean closed = !context.now().isBefore(closes);
    long yes = tally.yes();
    long no = tally.no();
    long voted = tally.voted();
    long remaining = tally.remaining();
    if (closed) {
      return passes(vote, voted, yes, no)
          ? Verdict.holds()
          : Verdict.never("vote failed (window closed at " + closes + "; " + summary(vote) + ")");
    }
    // Worst case for a pass: every missing vote a no, or every one an abstention (which leaves
    // nothing decisive when nobody has voted yes or no yet).
    if (passes(vote, voted, yes, no) && passes(vote, voted, yes, no + remaining)) {
      return Verdict.holds();
    }
    if (!passes(vote, tally.eligible(), yes + remaining, no)) {
      return Verdict.never("vote cannot pass any more (" + summary(vote) + ")");
    }
    return new Verdict(
        Verdict.State.PENDING,
        false,
        List.of("vote open until " + closes + " (" + summary(vote) + ")"));
  }

  private boolean passes(Vote vote, long voted, long yesVotes, long noVotes) {
    long eligible = tally.eligible();
    if (eligible <= 0 || vote.quorum().compareTo(voted, eligible) < 0) {
      return false;
    }
    long decisive = yesVotes + noVotes;
    if (decisive <= 0) {
      return false;
    }
    int against = vote.approve().compareTo(yesVotes, decisive);
    return vote.strict() ? against > 0 : against >= 0;
  }

  private String summary(Vote vote) {
    return "yes "
        + tally.yes()
        + ", no "
        + tally.no()
        + ", abstain "
        + tally.abstain()
        + " of "
        + tally.eligible()
        + " eligible; needs quorum "
        + vote.quorum()
        + " and approve"
        + (vote.strict() ? ">" : ">=")
        + vote.approve();
  }
}
