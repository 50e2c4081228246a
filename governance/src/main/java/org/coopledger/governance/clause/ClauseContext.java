package org.coopledger.governance.clause;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.coopledger.governance.crypto.MemberId;

/**
 * What a clause may know about a proposal, implemented by the state machine from ledger state.
 *
 * <p>Every answer must be a pure function of ledger state and the entry being applied: {@link
 * #now()} is that entry's accepted time, never a wall clock. Collections may be in any order (the
 * evaluator sorts by member id), must not contain nulls, and must not change during one evaluation.
 * Members are named by their member id, which stays the same when they rotate keys.
 */
public interface ClauseContext {

  /** The accepted time of the entry being applied; the only "now" a clause ever sees. */
  Instant now();

  /** The member who created the proposal. */
  MemberId author();

  /** Current members holding {@code role}; empty for a role nobody holds. */
  List<MemberId> membersWithRole(String role);

  /** Every current member. */
  List<MemberId> members();

  /**
   * The current member a {@code member(...)} reference names: a key id (32 hex characters, current
   * or, if the state machine allows, rotated from) or a display name. Empty when it names nobody.
   */
  Optional<MemberId> resolveMember(String ref);

  /** How messages name a member, e.g. {@code "alice (3fa9c2d1...)"}. */
  String describe(MemberId member);

  /**
   * The members the action benefits: for a split, every member whose share changes (old or new);
   * for a payout, its recipient; for admit/remove/role changes, that member; empty for a decision.
   */
  List<MemberId> beneficiaries();

  /**
   * The proposal's current approvals: approver's member id to the accepted time of their approval.
   * Withdrawn approvals are removed; a member who approved again appears with the latest time.
   */
  Map<MemberId, Instant> approvals();

  /** The amount the action moves, in minor units of {@link #currency()}; empty if none. */
  OptionalLong amount();

  /** The currency of {@link #amount()} (e.g. {@code EUR}); empty if the action moves no money. */
  Optional<String> currency();

  /** When the proposal was opened (its creating entry's accepted time); vote windows start here. */
  Instant openedAt();

  /**
   * The electorate of {@code vote} and each voter's weight (at least 1): the members of {@code
   * vote.of()} when the proposal opened, still members now, weighted by {@code vote.weight()} (1
   * each, or their basis points in the split in force when the proposal opened).
   */
  Map<MemberId, Long> voterWeights(Clause.Vote vote);

  /**
   * Each voter's current ballot (the last one they cast). Voters not in here have not voted; a
   * ballot of someone outside a vote's electorate does not count for that vote.
   */
  Map<MemberId, Ballot> ballots();

  /**
   * The tally of {@code vote}: {@link VoteTally#of} of {@link #voterWeights} and {@link #ballots}.
   * A context may keep it up to date as ballots arrive instead of counting them all again, but must
   * return exactly that.
   */
  default VoteTally tally(Clause.Vote vote) {
    return VoteTally.of(voterWeights(vote), ballots());
  }

  /** Vetoes cast on the proposal: vetoing member's id to the accepted time of the veto. */
  Map<MemberId, Instant> vetoes();

  /**
   * When the state machine first saw the clause's conditions met (see {@link
   * ClauseResult#conditionsMet()}), if it recorded that and they have held since. Timelocks and
   * veto windows count from here. The state machine records {@link
   * ClauseResult#conditionsMetSince()} the first time conditions are met and clears it when they
   * stop being met.
   */
  Optional<Instant> conditionsMetAt();

  /** A vote. */
  enum Ballot {
    YES,
    NO,
    ABSTAIN
  }
}
