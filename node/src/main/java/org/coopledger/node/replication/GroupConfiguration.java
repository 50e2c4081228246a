package org.coopledger.node.replication;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Raft group's configuration as one node knows it.
 *
 * @param peers the peers of the current configuration, peer id to Raft address (host:port)
 * @param changing whether a change is under way (Ratis' joint configuration of old and new peers)
 */
public record GroupConfiguration(SortedMap<String, String> peers, boolean changing) {
  public GroupConfiguration {
    peers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(peers));
  }
}
