package org.coopledger.governance.action;

/** A vote; a later one by the same member replaces it until the window closes. */
public record CastVote(EntryId proposal, VoteChoice choice, String reason) implements Action {
  public CastVote {
    Fields.required(proposal, "proposal id");
    Fields.required(choice, "vote choice (yes, no or abstain)");
    reason = Fields.text(reason, "vote reason", Fields.MAX_TEXT);
  }

  @Override
  public String kind() {
    return "vote";
  }
}
