package org.coopledger.node.replication;

/**
 * What this node knows of its Raft group right now.
 *
 * @param role {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, {@code LISTENER} (Ratis' names)
 * @param leaderId the current leader's peer id, or null while there is none
 * @param term the current Raft term
 * @param appliedIndex the last Raft log index this node has applied
 * @param leaderReady whether this node is the leader and has committed an entry of its term
 */
public record RaftStatus(
    String role, String leaderId, long term, long appliedIndex, boolean leaderReady) {}
