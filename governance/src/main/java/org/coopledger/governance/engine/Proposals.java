package org.coopledger.governance.engine;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.Approve;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Veto;
import org.coopledger.governance.action.WithdrawApproval;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.ClausePrinter;
import org.coopledger.governance.clause.Group;
import org.coopledger.governance.crypto.MemberId;

/** Opening proposals and gathering approvals, votes and vetoes on them. */
final class Proposals {
  private Proposals() {}

  static String create(StateMachine.Step step, CreateProposal create) {
    EntryId id = step.entry.id();
    if (step.before.proposals().containsKey(id)) {
      throw new Rejection(RejectionCode.DUPLICATE_PROPOSAL, "proposal " + id + " already exists");
    }
    ActionKind kind = Clauses.kindOf(create.governed());
    if (!step.before.parsedRulebook().has(kind)) {
      throw new Rejection(
          RejectionCode.NOT_ALLOWED,
          "the rulebook has no "
              + kind.text()
              + " clause, so nobody can propose one; a rulebook change can add a line '"
              + kind.text()
              + ": <clause>' (docs/money.md)");
    }
    step.before
        .parsedRulebook()
        .proposers(kind)
        .ifPresent(groups -> requireProposer(step, create, kind, groups));
    Execution.validate(step.before, create.governed());
    Proposal proposal =
        Proposal.open(id, step.author.id(), step.now, create, electorate(step.before));
    Clauses.put(
        step,
        proposal,
        Tallies.of(step.before, proposal, Clauses.clauseFor(step.before, proposal)));
    return step.author.describe()
        + " proposed "
        + create.governed().kind()
        + (create.title().isEmpty() ? "" : " '" + create.title() + "'")
        + " as "
        + id;
  }

  /**
   * Every current member with their roles and their basis points in the split in force: the
   * snapshot every vote on the proposal draws its electorate and weights from.
   */
  private static SortedMap<MemberId, Proposal.Elector> electorate(CoopState state) {
    SortedMap<MemberId, Proposal.Elector> out = new TreeMap<>();
    for (Member m : state.activeMembers()) {
      int share = state.currentSplit().map(sp -> sp.basisPointsOf(m.id())).orElse(0);
      out.put(m.id(), new Proposal.Elector(m.roles(), share));
    }
    return out;
  }

  private static void requireProposer(
      StateMachine.Step step, CreateProposal create, ActionKind kind, List<Group> groups) {
    for (Group group : groups) {
      if (Clauses.inGroup(group, step.before, create.governed(), step.author)) {
        return;
      }
    }
    throw new Rejection(
        RejectionCode.NOT_ALLOWED,
        "the rulebook lets only "
            + String.join(", ", groups.stream().map(ClausePrinter::group).toList())
            + " propose "
            + kind.text()
            + "; "
            + step.author.describe()
            + " is none of them");
  }

  static String vote(StateMachine.Step step, CastVote vote) {
    Proposal p = takingInput(step, vote.proposal());
    Clause clause = Clauses.clauseFor(step.before, p);
    long closesAt =
        Clauses.voteClosesAt(clause, p)
            .orElseThrow(
                () ->
                    new Rejection(
                        RejectionCode.NO_VOTE,
                        "proposal "
                            + p.id()
                            + " is decided by approvals, not a vote ("
                            + clause.text()
                            + "); approve it instead"));
    if (step.now >= closesAt) {
      throw new Rejection(
          RejectionCode.VOTING_CLOSED,
          "voting on proposal "
              + p.id()
              + " closed at "
              + java.time.Instant.ofEpochMilli(closesAt));
    }
    Tallies tallies = Tallies.of(step.before, p, clause);
    if (!tallies.eligible(step.author.id())) {
      throw new Rejection(
          RejectionCode.NOT_ELIGIBLE,
          step.author.describe()
              + " is not among the voters of proposal "
              + p.id()
              + " (the electorate was fixed when it opened: "
              + clause.text()
              + ")");
    }
    Proposal.Ballot ballot = new Proposal.Ballot(vote.choice(), vote.reason(), step.now);
    Proposal next = p.withBallot(step.author.id(), ballot);
    Clauses.put(
        step,
        next,
        tallies.withBallot(next, step.author.id(), p.ballots().get(step.author.id()), ballot));
    return step.author.describe() + " voted " + vote.choice() + " on " + p.id();
  }

  static String approve(StateMachine.Step step, Approve approve) {
    Proposal p = takingInput(step, approve.proposal());
    Long previous = p.approvals().get(step.author.id());
    // An approval that ran out (`within`) may simply be given again, without a withdraw first.
    boolean ranOut =
        previous != null
            && Clauses.clauseFor(step.before, p).approvalWindows().stream()
                .findFirst()
                .map(shortest -> step.now >= previous + shortest.toMillis())
                .orElse(false);
    if (previous != null && !ranOut) {
      throw new Rejection(
          RejectionCode.ALREADY_APPROVED,
          step.author.describe() + " already approved proposal " + p.id());
    }
    Proposal next = p.withApproval(step.author.id(), step.now);
    Clauses.put(step, next, Tallies.of(step.before, next, Clauses.clauseFor(step.before, next)));
    return step.author.describe() + " approved " + p.id();
  }

  static String withdraw(StateMachine.Step step, WithdrawApproval withdraw) {
    Proposal p = takingInput(step, withdraw.proposal());
    if (!p.approvals().containsKey(step.author.id())) {
      throw new Rejection(
          RejectionCode.NOT_APPROVED,
          step.author.describe() + " has no approval on proposal " + p.id() + " to withdraw");
    }
    Proposal next = p.withoutApproval(step.author.id());
    Clauses.put(step, next, Tallies.of(step.before, next, Clauses.clauseFor(step.before, next)));
    return step.author.describe() + " withdrew their approval of " + p.id();
  }

  static String veto(StateMachine.Step step, Veto veto) {
    Proposal p = takingInput(step, veto.proposal());
    Clause clause = Clauses.clauseFor(step.before, p);
    if (!Clauses.grantsVeto(clause, step.before, p, step.author)) {
      throw new Rejection(
          RejectionCode.NO_VETO_RIGHT,
          "the rulebook grants "
              + step.author.describe()
              + " no veto on this proposal ("
              + clause.text()
              + ")");
    }
    if (p.vetoes().containsKey(step.author.id())) {
      throw new Rejection(
          RejectionCode.ALREADY_VETOED, step.author.describe() + " already vetoed " + p.id());
    }
    Proposal next = p.withVeto(step.author.id(), new Proposal.VetoMark(veto.reason(), step.now));
    Clauses.put(step, next, Tallies.of(step.before, next, Clauses.clauseFor(step.before, next)));
    return step.author.describe() + " vetoed " + p.id();
  }

  /** The proposal, if it still takes approvals, votes and vetoes at the step's time. */
  static Proposal takingInput(StateMachine.Step step, EntryId id) {
    Proposal p = existing(step.before, id);
    if (p.status() == ProposalStatus.EXECUTED) {
      throw new Rejection(
          RejectionCode.ALREADY_EXECUTED, "proposal " + id + " was already executed");
    }
    if (p.status().isClosed()) {
      throw new Rejection(
          RejectionCode.PROPOSAL_CLOSED,
          "proposal "
              + id
              + " is closed ("
              + p.status().name().toLowerCase(java.util.Locale.ROOT)
              + "); open a new one");
    }
    long expiresAt = Clauses.expiresAt(Clauses.clauseFor(step.before, p), p);
    if (step.now > expiresAt) {
      throw new Rejection(
          RejectionCode.PROPOSAL_CLOSED,
          "proposal "
              + id
              + " expired at "
              + java.time.Instant.ofEpochMilli(expiresAt)
              + "; open a new one");
    }
    return p;
  }

  static Proposal existing(CoopState state, EntryId id) {
    return state
        .proposal(id)
        .orElseThrow(
            () ->
                new Rejection(
                    RejectionCode.UNKNOWN_PROPOSAL,
                    "there is no proposal " + id + " in co-op " + state.coopId()));
  }
}
