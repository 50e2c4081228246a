package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.coopledger.governance.view.BalanceView;

/**
 * {@code GET /v1/balances}: what the co-op owes each member, per currency.
 *
 * @param treeSize the number of records the state reflects
 * @param balances the read models
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BalancesResponse(long treeSize, List<BalanceView> balances) {
  public BalancesResponse {
    balances = List.copyOf(balances);
  }
}
