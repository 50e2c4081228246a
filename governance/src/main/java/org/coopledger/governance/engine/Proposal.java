package org.coopledger.governance.engine;

import java.util.List;
import java.util.SortedMap;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.crypto.KeyId;

/**
 * A proposal and everything the ledger gathered on it. All maps are sorted by member id and
 * unmodifiable. {@code electorate} is every member when it opened (the snapshot its votes count
 * from). Times are accepted times of entries, in milliseconds. {@code conditionsMetAt} is -1 unless
 * the clause's conditions are met and have held since that time (timelocks count from it); {@code
 * closedAt} is -1 while the proposal is open or passed.
 */
public record Proposal(
    EntryId id,
    KeyId author,
    long openedAt,
    CreateProposal action,
    SortedMap<KeyId, Elector> electorate,
    SortedMap<KeyId, Ballot> ballots,
    SortedMap<KeyId, Long> approvals,
    SortedMap<KeyId, VetoMark> vetoes,
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
  private static <V> SortedMap<KeyId, V> frozen(SortedMap<KeyId, V> map) {
    return FrozenSortedMap.copyOf(map);
  }

  /** A fresh proposal with no approvals, votes or vetoes. */
  static Proposal open(
      EntryId id,
      KeyId author,
      long openedAt,
      CreateProposal action,
      SortedMap<KeyId, Elector> electorate) {
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

  Proposal withBallot(KeyId voter, Ballot ballot) {
    SortedMap<KeyId, Ballot> m = FrozenSortedMap.with(ballots, voter, ballot);
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

  Proposal withApproval(KeyId approver, long at) {
    SortedMap<KeyId, Long> m = FrozenSortedMap.with(approvals, approver, at);
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

  Proposal withoutApproval(KeyId approver) {
    SortedMap<KeyId, Long> m = FrozenSortedMap.without(approvals, approver);
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

  Proposal withVeto(KeyId vetoer, VetoMark veto) {
    SortedMap<KeyId, VetoMark> m = FrozenSortedMap.with(vetoes, vetoer, veto);
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
