package org.coopledger.governance.action;

/** Carries out the proposal if its clause holds now; closes it if it never can. */
public record Execute(EntryId proposal) implements Action {
  public Execute {
    Fields.required(proposal, "proposal id");
  }

  @Override
  public String kind() {
    return "execute";
  }
}
