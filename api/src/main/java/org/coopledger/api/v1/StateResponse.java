package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.coopledger.governance.view.CoopView;

/**
 * {@code GET /v1/state}: the latest state's digest and summary.
 *
 * @param treeSize the number of records the state reflects
 * @param founded whether the genesis entry is in the ledger
 * @param stateDigest hex SHA-256 of the canonical state encoding (what {@code coop audit} compares)
 * @param coop the co-op at a glance; absent before the genesis entry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StateResponse(
    long treeSize,
    boolean founded,
    String stateDigest,
    @JsonInclude(JsonInclude.Include.NON_NULL) CoopView coop) {}
