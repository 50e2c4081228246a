package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code GET /v1/snapshot}: how many records the node's store held when the Raft log entry at
 * ({@code appliedTerm}, {@code appliedIndex}) was the last one applied to it, read together. A new
 * or wiped node of the network rebuilds its store from the first {@code treeSize} records
 * (verifying each) and follows the Raft log from the entry after {@code appliedIndex}.
 *
 * @param treeSize the number of records
 * @param appliedTerm the Raft term of the last log entry whose effects the store holds
 * @param appliedIndex its Raft log index; -1 if none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotPosition(long treeSize, long appliedTerm, long appliedIndex) {}
