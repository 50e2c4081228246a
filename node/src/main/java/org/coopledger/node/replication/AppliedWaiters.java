package org.coopledger.node.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Futures waiting for the applied Raft index to reach a value. Thread-safe. */
final class AppliedWaiters {
  private final TreeMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
  private long reached = -1;
  private RuntimeException failure;

  synchronized CompletableFuture<Void> await(long index) {
    if (index <= reached) {
      return CompletableFuture.completedFuture(null);
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiting.computeIfAbsent(index, i -> new ArrayList<>()).add(future);
    return future;
  }

  void reached(long index) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    synchronized (this) {
      if (index <= reached) {
        return;
      }
      reached = index;
      Map<Long, List<CompletableFuture<Void>>> head = waiting.headMap(index, true);
      head.values().forEach(done::addAll);
      head.clear();
    }
    done.forEach(f -> f.complete(null));
  }

  void failAll(RuntimeException cause) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    synchronized (this) {
      failure = cause;
      waiting.values().forEach(all::addAll);
      waiting.clear();
    }
    all.forEach(f -> f.completeExceptionally(cause));
  }
}
