package org.coopledger.governance.action;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coopledger.governance.crypto.KeyId;

/**
 * Opens a proposal for {@code governed}. {@code voteWeights} empty = one member one vote among the
 * members at creation. A plain decision needs a title.
 */
public record CreateProposal(
    String title, String text, List<VoteWeight> voteWeights, Governed governed) implements Action {
  public CreateProposal {
    Fields.required(governed, "governed action");
    title =
        governed instanceof Governed.Decision
            ? Fields.name(title, "decision title", Fields.MAX_NAME)
            : Fields.text(title, "proposal title", Fields.MAX_NAME);
    text = Fields.text(text, "proposal text", Fields.MAX_TEXT);
    voteWeights = List.copyOf(Fields.required(voteWeights, "vote weights"));
    Set<KeyId> seen = new HashSet<>();
    for (VoteWeight weight : voteWeights) {
      if (!seen.add(weight.member())) {
        throw new InvalidActionException("member " + weight.member() + " has two vote weights");
      }
    }
  }

  @Override
  public String kind() {
    return "create_proposal";
  }
}
