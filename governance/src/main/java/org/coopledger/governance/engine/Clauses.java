package org.coopledger.governance.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.ClauseResult;
import org.coopledger.governance.clause.Group;
import org.coopledger.governance.crypto.MemberId;

/** How the state machine asks the rulebook about a proposal. */
final class Clauses {
  /** How long a proposal stays executable after all of its clause's windows have run. */
  static final Duration GRACE = Duration.ofDays(30);

  /**
   * A vote of every member, one vote each: whose tally a read model shows when a clause has none.
   */
  static final Clause.Vote EVERY_MEMBER_VOTE = (Clause.Vote) Clause.parse("vote()");

  private Clauses() {}

  static ActionKind kindOf(Governed governed) {
    return switch (governed) {
      case Governed.SplitChange s -> ActionKind.SPLIT;
      case Governed.RouteChange r -> ActionKind.SPLIT;
      case Governed.PoolPayout p -> ActionKind.POOL_PAYOUT;
      case Governed.DefineDrop d -> ActionKind.DROP;
      case Governed.Expense e -> ActionKind.EXPENSE;
      case Governed.TierChange t -> ActionKind.TIER;
      case Governed.Payout p -> ActionKind.PAYOUT;
      case Governed.AdmitMember a -> ActionKind.ADMIT;
      case Governed.RemoveMember r -> ActionKind.REMOVE;
      case Governed.ChangeRoles c -> ActionKind.CHANGE_ROLES;
      case Governed.RulebookChange r -> ActionKind.RULEBOOK;
      case Governed.Decision d -> ActionKind.DECISION;
      case Governed.RecoverKey r -> ActionKind.RECOVER_KEY;
      case Governed.NodeChange n -> ActionKind.NODES;
    };
  }

  static Clause clauseFor(CoopState state, Proposal proposal) {
    return state.parsedRulebook().clause(kindOf(proposal.action().governed()));
  }

  /** The clause's result for the proposal; votes are tallied by the state's tallies if current. */
  static ClauseResult evaluate(CoopState state, Proposal proposal, long now) {
    Clause clause = clauseFor(state, proposal);
    Tallies kept = state.tallies(proposal.id());
    return clause.evaluate(
        new ProposalContext(
            state,
            proposal,
            now,
            kept != null && kept.reflects(state, proposal, clause) ? kept : null));
  }

  /**
   * The proposal with its status and conditions-met time brought up to date at {@code now} (after
   * an approval, vote or veto changed what the clause sees), its votes tallied by {@code tallies}.
   */
  static Proposal refreshed(CoopState state, Proposal proposal, long now, Tallies tallies) {
    ClauseResult result =
        clauseFor(state, proposal).evaluate(new ProposalContext(state, proposal, now, tallies));
    long metAt = result.conditionsMetSince().map(Instant::toEpochMilli).orElse(-1L);
    long lapseAt = result.conditionsLapseAt().map(Instant::toEpochMilli).orElse(-1L);
    return proposal.withStatus(
        result.conditionsMet() ? ProposalStatus.PASSED : ProposalStatus.OPEN, metAt, lapseAt, -1);
  }

  /**
   * Every open or passed proposal re-evaluated at {@code now}: after an entry changed who counts
   * (members, roles, the split, the rulebook), so that conditions that stopped holding are
   * forgotten and timelocks count from when they hold again.
   */
  static CoopState refreshAll(CoopState state, long now) {
    CoopState.Builder next = state.toBuilder();
    for (Proposal p : state.proposals().values()) {
      if (!p.status().isClosed()) {
        Tallies tallies = Tallies.of(state, p, clauseFor(state, p));
        next.proposals().put(p.id(), refreshed(state, p, now, tallies));
        next.tallies(p.id(), tallies);
      }
    }
    return next.build();
  }

  /**
   * Puts {@code proposal} into the next state, refreshed at the step's time with {@code tallies}
   * (its votes' tallies in the state before), and keeps the tallies for the next entry on it.
   */
  static void put(StateMachine.Step step, Proposal proposal, Tallies tallies) {
    step.next.proposals().put(proposal.id(), refreshed(step.before, proposal, step.now, tallies));
    step.next.tallies(proposal.id(), tallies);
  }

  /** The end of the longest vote window of the clause, if it has a vote. */
  static Optional<Long> voteClosesAt(Clause clause, Proposal proposal) {
    return longestVote(clause).map(d -> proposal.openedAt() + d.toMillis());
  }

  private static Optional<Duration> longestVote(Clause clause) {
    return switch (clause) {
      case Clause.Vote v -> Optional.of(v.window().duration());
      case Clause.And a ->
          a.terms().stream()
              .map(Clauses::longestVote)
              .flatMap(Optional::stream)
              .max(Duration::compareTo);
      case Clause.Or o ->
          o.terms().stream()
              .map(Clauses::longestVote)
              .flatMap(Optional::stream)
              .max(Duration::compareTo);
      case Clause.If i ->
          Stream.of(longestVote(i.then()), longestVote(i.otherwise()))
              .flatMap(Optional::stream)
              .max(Duration::compareTo);
      default -> Optional.empty();
    };
  }

  /**
   * After this time the proposal can only be closed as expired: every window, timelock and veto
   * period of its clause laid end to end, plus {@link #GRACE}.
   */
  static long expiresAt(Clause clause, Proposal proposal) {
    return proposal.openedAt() + spans(clause).plus(GRACE).toMillis();
  }

  private static Duration spans(Clause clause) {
    return switch (clause) {
      case Clause.Vote v -> v.window().duration();
      case Clause.Timelock t -> t.span().duration();
      case Clause.Veto v -> v.window().duration();
      case Clause.Approval a -> a.within().map(s -> s.duration()).orElse(Duration.ZERO);
      case Clause.And a ->
          a.terms().stream().map(Clauses::spans).reduce(Duration.ZERO, Duration::plus);
      case Clause.Or o ->
          o.terms().stream().map(Clauses::spans).reduce(Duration.ZERO, Duration::plus);
      case Clause.If i -> spans(i.then()).plus(spans(i.otherwise()));
      default -> Duration.ZERO;
    };
  }

  /** Every vote in the clause, in any branch, in the order of its text. */
  static List<Clause.Vote> votes(Clause clause) {
    List<Clause.Vote> out = new ArrayList<>();
    collectVotes(clause, out);
    return out;
  }

  private static void collectVotes(Clause clause, List<Clause.Vote> out) {
    switch (clause) {
      case Clause.Vote v -> out.add(v);
      case Clause.And a -> a.terms().forEach(t -> collectVotes(t, out));
      case Clause.Or o -> o.terms().forEach(t -> collectVotes(t, out));
      case Clause.If i -> {
        collectVotes(i.then(), out);
        collectVotes(i.otherwise(), out);
      }
      default -> {}
    }
  }

  /** Whether the clause grants {@code member} a veto on this proposal. */
  static boolean grantsVeto(Clause clause, CoopState state, Proposal proposal, Member member) {
    return switch (clause) {
      case Clause.Veto v -> inGroup(v.group(), state, proposal.action().governed(), member);
      case Clause.And a -> a.terms().stream().anyMatch(t -> grantsVeto(t, state, proposal, member));
      case Clause.Or o -> o.terms().stream().anyMatch(t -> grantsVeto(t, state, proposal, member));
      case Clause.If i ->
          grantsVeto(i.then(), state, proposal, member)
              || grantsVeto(i.otherwise(), state, proposal, member);
      default -> false;
    };
  }

  /** Whether {@code member} is in {@code group} now, for a proposal of {@code governed}. */
  static boolean inGroup(Group group, CoopState state, Governed governed, Member member) {
    return switch (group) {
      case Group.Role r -> member.hasRole(r.name());
      case Group.Member m ->
          ProposalContext.resolve(state, m.ref())
              .map(x -> x.id().equals(member.id()))
              .orElse(false);
      case Group.Beneficiaries b ->
          ProposalContext.beneficiaries(state, governed).contains(member.id());
      case Group.AllMembers all -> true;
    };
  }

  static String describe(MemberId id, CoopState state) {
    return state
        .member(id)
        .map(Member::describe)
        .or(() -> state.money().account(id).map(a -> a.text()))
        .orElse(id.hex());
  }
}
