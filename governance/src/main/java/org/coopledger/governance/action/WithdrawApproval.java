package org.coopledger.governance.action;

/** The author withdraws their approval before execution. */
public record WithdrawApproval(EntryId proposal) implements Action {
  public WithdrawApproval {
    Fields.required(proposal, "proposal id");
  }

  @Override
  public String kind() {
    return "withdraw_approval";
  }
}
