package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.coopledger.governance.view.ProposalView;

/**
 * {@code GET /v1/proposals}: every proposal, with its tally and what its clause still needs as of
 * now (or ?asOf=).
 *
 * @param treeSize the number of records the state reflects
 * @param proposals the read models
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProposalsResponse(long treeSize, List<ProposalView> proposals) {
  public ProposalsResponse {
    proposals = List.copyOf(proposals);
  }
}
