package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code GET /v1/node}: what a node serves.
 *
 * @param origin the ledger's origin line (derived from its genesis entry); null before it
 * @param coopId the co-op the node serves
 * @param peerId the node's Raft peer id
 * @param verifierKey the signed-note verifier key of its checkpoints; null before the genesis entry
 * @param treeSize the number of records
 * @param rootHash the Merkle root of all records, base64
 * @param checkpointSize the tree size of the latest checkpoint (0 if none)
 * @param founded whether the genesis entry is in the ledger
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeInfo(
    String origin,
    String coopId,
    String peerId,
    String verifierKey,
    long treeSize,
    String rootHash,
    long checkpointSize,
    boolean founded) {}
