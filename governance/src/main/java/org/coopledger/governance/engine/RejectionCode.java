package org.coopledger.governance.engine;

import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * The codes with which the state machine refuses an entry (docs/governance.md lists them). Each is
 * a rule not met, except a replayed nonce, which conflicts with an entry the ledger already holds.
 */
public enum RejectionCode implements ErrorCode {
  BAD_SIGNATURE(ErrorCategory.RULES_NOT_MET),
  MISSING_SIGNATURE(ErrorCategory.RULES_NOT_MET),
  REPLAYED_NONCE(ErrorCategory.CONFLICT),
  NOT_A_MEMBER(ErrorCategory.RULES_NOT_MET),
  KEY_ROTATED(ErrorCategory.RULES_NOT_MET),
  WRONG_COOP(ErrorCategory.RULES_NOT_MET),
  EXPIRED(ErrorCategory.RULES_NOT_MET),
  NO_EXPIRY(ErrorCategory.RULES_NOT_MET),
  CLOCK_SKEW(ErrorCategory.RULES_NOT_MET),
  CLAUSE_NOT_MET(ErrorCategory.RULES_NOT_MET),
  SPLIT_NOT_10000(ErrorCategory.RULES_NOT_MET),
  INSUFFICIENT_BALANCE(ErrorCategory.RULES_NOT_MET),
  VOTING_CLOSED(ErrorCategory.RULES_NOT_MET),
  NO_VOTE(ErrorCategory.RULES_NOT_MET),
  NOT_ELIGIBLE(ErrorCategory.RULES_NOT_MET),
  UNKNOWN_PROPOSAL(ErrorCategory.RULES_NOT_MET),
  DUPLICATE_PROPOSAL(ErrorCategory.RULES_NOT_MET),
  ALREADY_EXECUTED(ErrorCategory.RULES_NOT_MET),
  PROPOSAL_CLOSED(ErrorCategory.RULES_NOT_MET),
  ALREADY_APPROVED(ErrorCategory.RULES_NOT_MET),
  NOT_APPROVED(ErrorCategory.RULES_NOT_MET),
  ALREADY_VETOED(ErrorCategory.RULES_NOT_MET),
  NO_VETO_RIGHT(ErrorCategory.RULES_NOT_MET),
  ALREADY_FOUNDED(ErrorCategory.RULES_NOT_MET),
  NOT_FOUNDED(ErrorCategory.RULES_NOT_MET),
  UNKNOWN_MEMBER(ErrorCategory.RULES_NOT_MET),
  DUPLICATE_MEMBER(ErrorCategory.RULES_NOT_MET),
  KEY_IN_USE(ErrorCategory.RULES_NOT_MET),
  LAST_MEMBER(ErrorCategory.RULES_NOT_MET),
  MEMBER_IN_SPLIT(ErrorCategory.RULES_NOT_MET),
  NO_SPLIT(ErrorCategory.RULES_NOT_MET),
  UNKNOWN_SPLIT(ErrorCategory.RULES_NOT_MET),
  UNKNOWN_POOL(ErrorCategory.RULES_NOT_MET),
  PAYOUT_FROM_POOL(ErrorCategory.RULES_NOT_MET),
  DUPLICATE_DROP(ErrorCategory.RULES_NOT_MET),
  UNKNOWN_DROP(ErrorCategory.RULES_NOT_MET),
  DROP_NOT_ON_SALE(ErrorCategory.RULES_NOT_MET),
  DROP_SOLD_OUT(ErrorCategory.RULES_NOT_MET),
  PRICE_MISMATCH(ErrorCategory.RULES_NOT_MET),
  UNKNOWN_TIER(ErrorCategory.RULES_NOT_MET),
  UNKNOWN_REGION(ErrorCategory.RULES_NOT_MET),
  NOT_ALLOWED(ErrorCategory.RULES_NOT_MET),
  BAD_CLAUSE(ErrorCategory.RULES_NOT_MET),
  UNKNOWN_NODE(ErrorCategory.RULES_NOT_MET),
  DUPLICATE_NODE(ErrorCategory.RULES_NOT_MET),
  WITNESS_POLICY(ErrorCategory.RULES_NOT_MET);

  private final ErrorCategory category;

  RejectionCode(ErrorCategory category) {
    this.category = category;
  }

  @Override
  public ErrorCategory category() {
    return category;
  }
}
