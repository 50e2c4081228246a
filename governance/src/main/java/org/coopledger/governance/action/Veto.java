package org.coopledger.governance.action;

/** The author vetoes the proposal; it counts where the rulebook grants the author a veto. */
public record Veto(EntryId proposal, String reason) implements Action {
  public Veto {
    Fields.required(proposal, "proposal id");
    reason = Fields.text(reason, "veto reason", Fields.MAX_TEXT);
  }

  @Override
  public String kind() {
    return "veto";
  }
}
