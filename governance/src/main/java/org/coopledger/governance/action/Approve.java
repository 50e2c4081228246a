package org.coopledger.governance.action;

/** The author approves the proposal with their own key. */
public record Approve(EntryId proposal) implements Action {
  public Approve {
    Fields.required(proposal, "proposal id");
  }

  @Override
  public String kind() {
    return "approve";
  }
}
