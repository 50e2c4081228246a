package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.ClauseContext;
import org.coopledger.governance.clause.VoteTally;
import org.coopledger.governance.crypto.MemberId;

/**
 * The electorate, weights and tally of every vote in a proposal's clause, kept beside the state so
 * that a ballot updates its proposal's tallies instead of counting every ballot again. Derived
 * data: valid only for the very ballots, clause and membership it was computed from ({@link
 * #reflects}), and then equal to what counting afresh gives. Immutable.
 */
final class Tallies {
  private final SortedMap<MemberId, Proposal.Ballot> ballots;
  private final Clause clause;
  private final long membership;
  private final List<Clause.Vote> votes;
  private final List<SortedMap<MemberId, Long>> weights;
  private final List<VoteTally> totals;

  private Tallies(
      SortedMap<MemberId, Proposal.Ballot> ballots,
      Clause clause,
      long membership,
      List<Clause.Vote> votes,
      List<SortedMap<MemberId, Long>> weights,
      List<VoteTally> totals) {
    this.ballots = ballots;
    this.clause = clause;
    this.membership = membership;
    this.votes = votes;
    this.weights = weights;
    this.totals = totals;
  }

  /**
   * The tallies of {@code proposal} under {@code clause} in {@code state}: the ones the state keeps
   * if they still hold, else counted afresh.
   */
  static Tallies of(CoopState state, Proposal proposal, Clause clause) {
    Tallies kept = state.tallies(proposal.id());
    if (kept != null && kept.reflects(state, proposal, clause)) {
      return kept;
    }
    List<Clause.Vote> votes = Clauses.votes(clause);
    List<SortedMap<MemberId, Long>> weights = new ArrayList<>(votes.size());
    List<VoteTally> totals = new ArrayList<>(votes.size());
    var ballots = ProposalContext.ballots(proposal);
    for (Clause.Vote vote : votes) {
      SortedMap<MemberId, Long> w = ProposalContext.voterWeights(state, proposal, vote);
      weights.add(w);
      totals.add(VoteTally.of(w, ballots));
    }
    return new Tallies(
        proposal.ballots(), clause, state.membership(), List.copyOf(votes), weights, totals);
  }

  /**
   * Whether these are the tallies of {@code proposal} under {@code clause} in {@code state}: the
   * same ballots (the very map: proposals share it until a ballot changes it), the same clause and
   * nothing changed since that the electorate or weights depend on.
   */
  boolean reflects(CoopState state, Proposal proposal, Clause clause) {
    return ballots == proposal.ballots()
        && this.clause == clause
        && membership == state.membership();
  }

  /** These tallies after {@code voter} cast {@code ballot}, for {@code next} (which holds it). */
  Tallies withBallot(
      Proposal next, MemberId voter, Proposal.Ballot before, Proposal.Ballot ballot) {
    List<VoteTally> updated = new ArrayList<>(totals.size());
    for (int i = 0; i < votes.size(); i++) {
      updated.add(
          totals.get(i).withBallot(weights.get(i).get(voter), choice(before), choice(ballot)));
    }
    return new Tallies(next.ballots(), clause, membership, votes, weights, updated);
  }

  /** Whether {@code member} is in the electorate of any of the clause's votes. */
  boolean eligible(MemberId member) {
    return weights.stream().anyMatch(w -> w.containsKey(member));
  }

  /** The tally of {@code vote} if it is one of the clause's, else null. */
  VoteTally tally(Clause.Vote vote) {
    for (int i = 0; i < votes.size(); i++) {
      if (votes.get(i) == vote) {
        return totals.get(i);
      }
    }
    for (int i = 0; i < votes.size(); i++) {
      if (votes.get(i).equals(vote)) {
        return totals.get(i);
      }
    }
    return null;
  }

  private static ClauseContext.Ballot choice(Proposal.Ballot ballot) {
    return ballot == null ? null : ProposalContext.choice(ballot.choice());
  }
}
