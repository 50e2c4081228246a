package org.coopledger.governance.engine;

import org.coopledger.governance.error.CoopException;

/**
 * Why the state machine refused an entry. Thrown inside {@code apply} and turned into {@link
 * EntryOutcome.Rejected}; the codes are stable and listed in docs/governance.md.
 */
public final class Rejection extends CoopException {
  private static final long serialVersionUID = 1L;

  public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
  public static final String MISSING_SIGNATURE = "MISSING_SIGNATURE";
  public static final String REPLAYED_NONCE = "REPLAYED_NONCE";
  public static final String NOT_A_MEMBER = "NOT_A_MEMBER";
  public static final String KEY_ROTATED = "KEY_ROTATED";
  public static final String WRONG_COOP = "WRONG_COOP";
  public static final String EXPIRED = "EXPIRED";
  public static final String NO_EXPIRY = "NO_EXPIRY";
  public static final String CLOCK_SKEW = "CLOCK_SKEW";
  public static final String CLAUSE_NOT_MET = "CLAUSE_NOT_MET";
  public static final String SPLIT_NOT_10000 = "SPLIT_NOT_10000";
  public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
  public static final String VOTING_CLOSED = "VOTING_CLOSED";
  public static final String NO_VOTE = "NO_VOTE";
  public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";
  public static final String UNKNOWN_PROPOSAL = "UNKNOWN_PROPOSAL";
  public static final String DUPLICATE_PROPOSAL = "DUPLICATE_PROPOSAL";
  public static final String ALREADY_EXECUTED = "ALREADY_EXECUTED";
  public static final String PROPOSAL_CLOSED = "PROPOSAL_CLOSED";
  public static final String ALREADY_APPROVED = "ALREADY_APPROVED";
  public static final String NOT_APPROVED = "NOT_APPROVED";
  public static final String ALREADY_VETOED = "ALREADY_VETOED";
  public static final String NO_VETO_RIGHT = "NO_VETO_RIGHT";
  public static final String ALREADY_FOUNDED = "ALREADY_FOUNDED";
  public static final String NOT_FOUNDED = "NOT_FOUNDED";
  public static final String UNKNOWN_MEMBER = "UNKNOWN_MEMBER";
  public static final String DUPLICATE_MEMBER = "DUPLICATE_MEMBER";
  public static final String KEY_IN_USE = "KEY_IN_USE";
  public static final String LAST_MEMBER = "LAST_MEMBER";
  public static final String MEMBER_IN_SPLIT = "MEMBER_IN_SPLIT";
  public static final String NO_SPLIT = "NO_SPLIT";
  public static final String NOT_ALLOWED = "NOT_ALLOWED";
  public static final String BAD_CLAUSE = "BAD_CLAUSE";

  public Rejection(String code, String message) {
    super(code, message);
  }
}
