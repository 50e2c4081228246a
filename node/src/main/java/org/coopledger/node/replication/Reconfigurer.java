package org.coopledger.node.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the Raft group's peers equal to the co-op's node set. Every node compares the group's
 * configuration with the node set of its replayed state (at start-up and then twice a second, so
 * also right after a node change is applied) and logs any difference loudly; {@link #mismatch} says
 * what differs. The leader also changes the group to the node set ({@link RaftHost#reconfigure}):
 * off the apply thread, one change at a time, and idempotently, so that a leader elected while a
 * change was pending (or before it was begun) finishes it.
 *
 * <p>A co-op without a network of nodes (its state names none) and a group of one configured peer
 * are left alone: a group of one purges its Raft log, so a node added to it could not catch up by
 * replaying the log.
 */
public final class Reconfigurer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Reconfigurer.class.getName());
  private static final long PERIOD_MILLIS = 500;
  private static final long RETRY_AFTER_FAILURE_MILLIS = 3_000;

  private final RaftHost raft;
  private final Supplier<SortedMap<String, String>> nodeSet;
  private final ScheduledExecutorService timer;
  private volatile String mismatch;
  private CompletableFuture<?> inFlight;
  private long notBefore;

  /**
   * @param nodeSet the co-op's node set as this node's replayed state names it: node name (the peer
   *     id) to Raft address; empty while there is none
   */
  public Reconfigurer(RaftHost raft, Supplier<SortedMap<String, String>> nodeSet) {
    this.raft = raft;
    this.nodeSet = nodeSet;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("raft-reconfigure").unstarted(r));
  }

  /** Checks at once, then every half second. */
  public Reconfigurer start() {
    timer.scheduleWithFixedDelay(this::tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * How the group's peers differ from the co-op's node set, as this node sees them; empty when they
   * match or the co-op has no network.
   */
  public Optional<String> mismatch() {
    return Optional.ofNullable(mismatch);
  }

  private void tick() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "checking the Raft group against the node set failed", e);
    }
  }

  private synchronized void check() {
    SortedMap<String, String> wanted = nodeSet.get();
    if (wanted.isEmpty()) {
      report(null);
      return;
    }
    GroupConfiguration group = raft.configuration();
    String difference = difference(raft.peerId(), wanted, group);
    if (difference != null && raft.peers().all().size() < 2) {
      difference +=
          " (this node runs a group of one, which is never reconfigured: start the network with"
              + " --peers naming several nodes)";
    }
    report(difference);
    if (difference == null
        || group.changing()
        || raft.peers().all().size() < 2
        || !raft.leaderReady()
        || !group.stateIsAfter(raft.status().appliedIndex())
        || inFlight != null
        || System.currentTimeMillis() < notBefore) {
      return;
    }
    LOG.warning(
        "reconfiguring the Raft group to the co-op's node set: from "
            + group.peers()
            + " to "
            + wanted);
    inFlight =
        raft.reconfigure(wanted)
            .whenComplete(
                (reply, failure) -> {
                  synchronized (this) {
                    inFlight = null;
                    if (failure == null && reply.isSuccess()) {
                      LOG.warning("the Raft group is now " + wanted);
                    } else {
                      notBefore = System.currentTimeMillis() + RETRY_AFTER_FAILURE_MILLIS;
                      LOG.warning(
                          "reconfiguring the Raft group to "
                              + wanted
                              + " failed, retrying in "
                              + RETRY_AFTER_FAILURE_MILLIS / 1000
                              + " s if this node still leads: "
                              + (failure != null ? failure : reply.getException()));
                    }
                  }
                });
  }

  private void report(String difference) {
    String before = mismatch;
    mismatch = difference;
    if (difference != null && !difference.equals(before)) {
      LOG.warning("THE RAFT GROUP DOES NOT MATCH THE CO-OP'S NODE SET: " + difference);
    } else if (difference == null && before != null) {
      LOG.warning("the Raft group matches the co-op's node set again: " + nodeSet.get().keySet());
    }
  }

  /** What differs between the group and the node set, or null if nothing does. */
  static String difference(
      String self, SortedMap<String, String> wanted, GroupConfiguration group) {
    List<String> parts = new ArrayList<>();
    if (!wanted.containsKey(self)) {
      parts.add(
          "this node (" + self + ") is not in the node set: it no longer takes part, stop it");
    }
    List<String> missing = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    for (Map.Entry<String, String> node : wanted.entrySet()) {
      String address = group.peers().get(node.getKey());
      if (address == null) {
        missing.add(node.getKey() + "@" + node.getValue());
      } else if (!address.equals(node.getValue())) {
        moved.add(node.getKey() + " (" + address + ", the state says " + node.getValue() + ")");
      }
    }
    List<String> extra =
        group.peers().keySet().stream().filter(id -> !wanted.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      parts.add("nodes not in the Raft group yet: " + String.join(", ", missing));
    }
    if (!extra.isEmpty()) {
      parts.add("Raft peers that are not nodes of the co-op: " + String.join(", ", extra));
    }
    if (!moved.isEmpty()) {
      parts.add("Raft peers at another address: " + String.join(", ", moved));
    }
    if (parts.isEmpty() && !group.changing()) {
      return null;
    }
    if (group.changing()) {
      parts.add("a change of the group is under way");
    }
    return String.join("; ", parts);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
