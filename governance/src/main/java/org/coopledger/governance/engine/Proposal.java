package org.coopledger.governance.engine;

import java.util.List;
import java.util.SortedMap;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.crypto.MemberId;

/**
 * A proposal and everything the ledger gathered on it. All maps are sorted by member id and
 * unmodifiable. {@code electorate} is every member when it opened (the snapshot its votes count
 * from). Times are accepted times of entries, in milliseconds. {@code conditionsMetAt} is -1 unless
 * the clause's conditions are met and have held since that time (timelocks count from it); {@code
 * closedAt} is -1 while the proposal is open or passed.
 */
public record Proposal(
    EntryId id,
    MemberId author,
    long openedAt,
    CreateProposal action,
    SortedMap<MemberId, Elector> electorate,
    SortedMap<MemberId, Ballot> ballots,
    SortedMap<MemberId, Long> approvals,
    SortedMap<MemberId, VetoMark> vetoes,
    ProposalStatus status,
    long conditionsMetAt,
    long conditionsLapseAt,
    long closedAt) {

  /**
   * A member as they were when the proposal opened: their roles and their basis points in the split
   * then in force. Votes draw their electorate and weights from these, never from later changes.
   */
  public record Elector(List<String> roles, int basisPoints) {
    public Elector {
      roles = List.copyOf(roles);
    }
  }

  /** A member's current vote. */
  public record Ballot(VoteChoice choice, String reason, long atMillis) {}

  /** A veto with its reason. */
  public record VetoMark(String reason, long atMillis) {}

  public Proposal {
    electorate = frozen(electorate);
    ballots = frozen(ballots);
    approvals = frozen(approvals);
    vetoes = frozen(vetoes);
    if (id == null || author == null || action == null || status == null) {
      throw new IllegalArgumentException("a proposal needs an id, an author, an action, a status");
    }
  }

  /** Maps this class made are shared between versions of a proposal, never copied again. */
  private static <V> SortedMap<MemberId, V> frozen(SortedMap<MemberId, V> map) {
    return FrozenSortedMap.copyOf(map);
  }

  /** A fresh proposal with no approvals, votes or vetoes. */
  static Proposal open(
      EntryId id,
      MemberId author,
      long openedAt,
      CreateProposal action,
      SortedMap<MemberId, Elector> electorate) {
    return new Proposal(
        id,
        author,
        openedAt,
        action,
        electorate,
        FrozenSortedMap.empty(),
        FrozenSortedMap.empty(),
        FrozenSortedMap.empty(),
        ProposalStatus.OPEN,
        -1,
        -1,
        -1);
  }

  Proposal withBallot(MemberId voter, Ballot ballot) {
    SortedMap<MemberId, Ballot> m = FrozenSortedMap.with(ballots, voter, ballot);
    return new Proposal(
        id,
        author,
        openedAt,
        action,
        electorate,
        m,
        approvals,
        vetoes,
        status,
        conditionsMetAt,
        conditionsLapseAt,
        closedAt);
  }

  Proposal withApproval(MemberId approver, long at) {
    SortedMap<MemberId, Long> m = FrozenSortedMap.with(approvals, approver, at);
    return new Proposal(
        id,
        author,
        openedAt,
        action,
        electorate,
        ballots,
        m,
        vetoes,
        status,
        conditionsMetAt,
        conditionsLapseAt,
        closedAt);
  }

  Proposal withoutApproval(MemberId approver) {
    SortedMap<MemberId, Long> m = FrozenSortedMap.without(approvals, approver);
    return new Proposal(
        id,
        author,
        openedAt,
        action,
        electorate,
        ballots,
        m,
        vetoes,
        status,
        conditionsMetAt,
        conditionsLapseAt,
        closedAt);
  }

  Proposal withVeto(MemberId vetoer, VetoMark veto) {
    SortedMap<MemberId, VetoMark> m = FrozenSortedMap.with(vetoes, vetoer, veto);
    return new Proposal(
        id,
        author,
        openedAt,
        action,
        electorate,
        ballots,
        approvals,
        m,
        status,
        conditionsMetAt,
        conditionsLapseAt,
        closedAt);
  }

  Proposal withStatus(
      ProposalStatus newStatus, long newConditionsMetAt, long newLapseAt, long newClosedAt) {
    return new Proposal(
        id,
        author,
        openedAt,
        action,
        electorate,
        ballots,
        approvals,
        vetoes,
        newStatus,
        newConditionsMetAt,
        newLapseAt,
        newClosedAt);
  }
}
