package org.coopledger.node.replication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes of the co-op's Raft group, as configured on this node. Empty means a one-peer group of
 * this node alone (the laptop case); otherwise the list names every member of the group, this node
 * included, each once. Every node of a group must be started with the same list.
 */
public record Peers(List<Peer> all) {
  public Peers {
    all = List.copyOf(all);
    Set<String> ids = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (Peer peer : all) {
      if (!ids.add(peer.id())) {
        throw new IllegalArgumentException("peer " + peer.id() + " is listed twice");
      }
      if (!addresses.add(peer.raftAddress())) {
        throw new IllegalArgumentException(
            "two peers share the Raft address " + peer.raftAddress());
      }
    }
  }

  /** No peers configured: a one-peer group of this node. */
  public static Peers none() {
    return new Peers(List.of());
  }

  /** Parses a comma-separated list of {@link Peer#parse} forms; blank means {@link #none()}. */
  public static Peers parse(String text) {
    if (text == null || text.isBlank()) {
      return none();
    }
    List<Peer> peers = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        peers.add(Peer.parse(part));
      }
    }
    return new Peers(peers);
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  public Optional<Peer> find(String id) {
    return all.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /**
   * Checks that this node ({@code selfId}) is one of the peers.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public Peer self(String selfId) {
    return find(selfId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "this node's peer id '"
                        + selfId
                        + "' is not in the peer list ("
                        + String.join(", ", all.stream().map(Peer::id).toList())
                        + ")"));
  }

  /** The form {@link #parse} reads. */
  @Override
  public String toString() {
    return String.join(",", all.stream().map(Peer::toString).toList());
  }
}
