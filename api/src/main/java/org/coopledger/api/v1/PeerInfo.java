package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One peer of a node's Raft group, as {@code GET /v1/node} names it.
 *
 * @param peerId the peer's id in the group
 * @param raftAddress its Raft (gRPC) address, host:port; null if the node does not know it
 * @param url its REST URL; null for the node itself when it was given none, or if unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeerInfo(String peerId, String raftAddress, String url) {}
