package org.coopledger.governance.action;

/** How a member votes. */
public enum VoteChoice {
  YES,
  NO,
  ABSTAIN
}
