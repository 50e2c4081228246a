package org.coopledger.governance.engine;

/** Where a proposal stands. Only OPEN and PASSED proposals take approvals, votes and vetoes. */
public enum ProposalStatus {
  /** Its clause does not hold yet. */
  OPEN,
  /** Its clause's conditions are met (a timelock or veto window may still run); not executed. */
  PASSED,
  /** Its clause can never hold (a vote failed or a veto was cast); closed by an execute entry. */
  REJECTED,
  /** It was not executed before its window or expiry; closed by an execute entry. */
  EXPIRED,
  /** Its action took effect. */
  EXECUTED;

  public boolean isClosed() {
    return this == REJECTED || this == EXPIRED || this == EXECUTED;
  }
}
