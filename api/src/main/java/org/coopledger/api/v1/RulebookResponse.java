package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code GET /v1/rulebook}: the rulebook in force.
 *
 * @param treeSize the number of records the state reflects
 * @param rulebook its canonical text ("" before the genesis entry)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RulebookResponse(long treeSize, String rulebook) {}
