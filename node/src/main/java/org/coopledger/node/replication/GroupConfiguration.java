package org.coopledger.node.replication;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Raft group's configuration as one node knows it.
 *
 * @param peers the peers of the current configuration, peer id to Raft address (host:port)
 * @param changing whether a change is under way (Ratis' joint configuration of old and new peers)
 * @param index the Raft log index of the entry that set this configuration (-1 if none)
 */
public record GroupConfiguration(SortedMap<String, String> peers, boolean changing, long index) {
  public GroupConfiguration {
    peers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(peers));
  }

  /**
   * Whether a node that has applied the log up to {@code appliedIndex} has a state at least as new
   * as this configuration: a leader sets a configuration only after applying the node change that
   * asked for it, so the change's entry comes before this one. A leader whose state is older
   * (elected before it applied that change) would take the group back to the node set before it,
   * re-adding a removed node for a while; it must wait until it has applied up to this entry.
   */
  public boolean stateIsAfter(long appliedIndex) {
    return appliedIndex >= index;
  }
}
