package org.coopledger.governance.action;

/**
 * Opens a proposal for {@code governed}. Who votes on it, and with what weight, is the rulebook's
 * business alone (the proposer has no say). A plain decision needs a title.
 */
public record CreateProposal(String title, String text, Governed governed) implements Action {
  public CreateProposal {
    Fields.required(governed, "governed action");
    title =
        governed instanceof Governed.Decision
            ? Fields.name(title, "decision title", Fields.MAX_NAME)
            : Fields.text(title, "proposal title", Fields.MAX_NAME);
    text = Fields.text(text, "proposal text", Fields.MAX_TEXT);
  }

  @Override
  public String kind() {
    return "create_proposal";
  }
}
