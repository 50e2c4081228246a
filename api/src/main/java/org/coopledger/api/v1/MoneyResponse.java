package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.coopledger.governance.view.MoneyView;

/**
 * {@code GET /v1/money}: the named splits (every version), the routing rules that pick a split per
 * revenue source, and the pools and guests splits give shares to (docs/money.md).
 *
 * @param treeSize the number of records the state reflects
 * @param money the money model's read model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MoneyResponse(long treeSize, MoneyView money) {}
