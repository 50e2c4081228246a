package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code GET /v1/node}: what a node serves, and what it knows of its Raft group.
 *
 * @param origin the ledger's origin line (derived from its genesis entry); null before it
 * @param coopId the co-op the node serves
 * @param peerId the node's Raft peer id
 * @param verifierKey the signed-note verifier key of its checkpoints; null before the genesis entry
 * @param treeSize the number of records
 * @param rootHash the Merkle root of all records, base64
 * @param checkpointSize the tree size of the latest checkpoint (0 if none)
 * @param founded whether the genesis entry is in the ledger
 * @param role the node's Raft role: LEADER, FOLLOWER, CANDIDATE, LISTENER or UNKNOWN
 * @param term the Raft term it is in
 * @param appliedIndex the Raft log index its tree size reflects
 * @param raftAddress its own Raft address, host:port
 * @param leader the current leader; null while there is none
 * @param peers the peers of the group's current Raft configuration (for a group of one, the
 *     configured ones)
 * @param peerMismatch how the group's peers differ from the co-op's node set as this node's state
 *     names it (e.g. a node change not carried out yet, or this node removed); null when they match
 *     or the co-op has no network of nodes
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
    boolean founded,
    String role,
    long term,
    long appliedIndex,
    String raftAddress,
    PeerInfo leader,
    List<PeerInfo> peers,
    String peerMismatch) {
  public NodeInfo {
    peers = peers == null ? List.of() : List.copyOf(peers);
  }
}
