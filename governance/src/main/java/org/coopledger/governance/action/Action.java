package org.coopledger.governance.action;

/** One thing an entry does. Exactly one per entry. */
public sealed interface Action
    permits Genesis,
        RotateKey,
        CreateProposal,
        CastVote,
        Approve,
        WithdrawApproval,
        Veto,
        Execute,
        RecordRevenue {

  /** A stable lower-case name of the action kind, as used in messages and the read model. */
  String kind();
}
