package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.coopledger.governance.view.SplitView;

/**
 * {@code GET /v1/splits}: every split version, oldest first.
 *
 * @param treeSize the number of records the state reflects
 * @param splits the read models
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SplitsResponse(long treeSize, List<SplitView> splits) {
  public SplitsResponse {
    splits = List.copyOf(splits);
  }
}
