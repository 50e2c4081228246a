package org.coopledger.node.write;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.node.replication.ReplicationException;

/**
 * Group commit, knowing nothing of what it commits to: items wait in one FIFO queue and a single
 * worker hands them, in submission order, to a flush function in groups. A group is everything
 * waiting when a flush slot frees up (at most {@code maxItems} items and {@code maxBytes} bytes),
 * so the group size follows the load: one item when the node is idle (no waiting), hundreds when it
 * is busy (one fsync and one consensus round for all of them). With a positive {@code linger} the
 * worker also waits that long for a group to fill before flushing a partial one.
 *
 * <p>Back-pressure: at most {@code capacity} items wait; {@link #submit} refuses the rest at once
 * with {@code NODE_BUSY} instead of queueing without bound. At most {@code maxInFlight} flushes run
 * at a time; the order in which they are started is the order of the items.
 *
 * <p>Thread-safe. {@link #submit} never blocks.
 *
 * @param <T> what is submitted
 * @param <R> the result of one item
 */
public final class Batcher<T, R> implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Batcher.class.getName());

  /**
   * Commits a group. Returns one result per item, in order, when the group is done; completes
   * exceptionally if none of it was committed. Called by one thread at a time, in item order.
   */
  @FunctionalInterface
  public interface FlushFunction<T, R> extends Function<List<T>, CompletableFuture<List<R>>> {}

  /** Limits of a batcher. */
  public record Limits(int maxItems, int maxBytes, int maxInFlight, int capacity, Duration linger) {
    public Limits {
      if (maxItems < 1 || maxBytes < 1 || maxInFlight < 1 || capacity < 1) {
        throw new IllegalArgumentException("batcher limits must be positive: " + this);
      }
      if (linger.isNegative()) {
        throw new IllegalArgumentException("linger must not be negative");
      }
    }
  }

  private record Waiting<T, R>(T item, int bytes, CompletableFuture<R> result) {}

  private final FlushFunction<T, R> flush;
  private final ToIntFunction<T> sizeOf;
  private final Limits limits;
  private final IntConsumer groupSizes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Waiting<T, R>> queue = new ArrayDeque<>();
  private final Thread worker;
  private long queuedBytes;
  private int inFlight;
  private boolean closed;

  /**
   * @param sizeOf the bytes an item adds to a group
   * @param groupSizes told the number of items of every group flushed (for metrics)
   */
  public Batcher(
      String name,
      Limits limits,
      ToIntFunction<T> sizeOf,
      IntConsumer groupSizes,
      FlushFunction<T, R> flush) {
    this.flush = flush;
    this.sizeOf = sizeOf;
    this.limits = limits;
    this.groupSizes = groupSizes;
    this.worker = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  /** Queues one item; the future completes with its result, or exceptionally if refused. */
  public CompletableFuture<R> submit(T item) {
    return submitAll(List.of(item)).get(0);
  }

  /**
   * Queues items one after the other (nothing submitted concurrently comes between them). Each item
   * that does not fit in the queue any more gets a future failed with {@code NODE_BUSY}: the ones
   * before it are queued, so a client may retry just the refused tail.
   */
  public List<CompletableFuture<R>> submitAll(List<T> items) {
    List<CompletableFuture<R>> results = new ArrayList<>(items.size());
    lock.lock();
    try {
      for (T item : items) {
        CompletableFuture<R> result = new CompletableFuture<>();
        results.add(result);
        if (closed) {
          result.completeExceptionally(
              new ReplicationException(
                  "NODE_STOPPING", "the node is shutting down; retry on another node"));
        } else if (queue.size() >= limits.capacity()) {
          result.completeExceptionally(
              new ReplicationException(
                  "NODE_BUSY",
                  "the node has "
                      + limits.capacity()
                      + " entries waiting to be committed; retry in a moment"));
        } else {
          Waiting<T, R> waiting = new Waiting<>(item, sizeOf.applyAsInt(item), result);
          queue.add(waiting);
          queuedBytes += waiting.bytes();
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return results;
  }

  /** Items waiting for a group (not yet handed to the flush function). */
  public int waiting() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      List<Waiting<T, R>> group;
      try {
        group = nextGroup();
      } catch (InterruptedException e) {
        return;
      }
      if (group == null) {
        return;
      }
      flush(group);
    }
  }

  /** Waits for a flush slot and a group to send; null once closed. */
  private List<Waiting<T, R>> nextGroup() throws InterruptedException {
    lock.lock();
    try {
      while (!closed && (queue.isEmpty() || inFlight >= limits.maxInFlight())) {
        changed.await();
      }
      if (closed) {
        return null;
      }
      if (!limits.linger().isZero()) {
        long deadline = System.nanoTime() + limits.linger().toNanos();
        long left;
        while (!closed
            && queue.size() < limits.maxItems()
            && queuedBytes < limits.maxBytes()
            && (left = deadline - System.nanoTime()) > 0) {
          changed.awaitNanos(left);
        }
        if (closed) {
          return null;
        }
      }
      List<Waiting<T, R>> group = new ArrayList<>(Math.min(queue.size(), limits.maxItems()));
      long bytes = 0;
      while (!queue.isEmpty() && group.size() < limits.maxItems()) {
        Waiting<T, R> next = queue.peek();
        if (!group.isEmpty() && bytes + next.bytes() > limits.maxBytes()) {
          break;
        }
        bytes += next.bytes();
        queuedBytes -= next.bytes();
        group.add(queue.poll());
      }
      inFlight++;
      return group;
    } finally {
      lock.unlock();
    }
  }

  private void flush(List<Waiting<T, R>> group) {
    groupSizes.accept(group.size());
    List<T> items = new ArrayList<>(group.size());
    for (Waiting<T, R> waiting : group) {
      items.add(waiting.item());
    }
    CompletableFuture<List<R>> done;
    try {
      done = flush.apply(items);
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    done.whenComplete(
        (results, error) -> {
          lock.lock();
          try {
            inFlight--;
            changed.signalAll();
          } finally {
            lock.unlock();
          }
          complete(group, results, error);
        });
  }

  private static <T, R> void complete(List<Waiting<T, R>> group, List<R> results, Throwable error) {
    if (error == null && (results == null || results.size() != group.size())) {
      error =
          new IllegalStateException(
              "the flush answered "
                  + (results == null ? "nothing" : results.size() + " results")
                  + " for "
                  + group.size()
                  + " items");
    }
    if (error != null) {
      Throwable cause =
          error instanceof java.util.concurrent.CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      LOG.log(Level.WARNING, "a group of " + group.size() + " entries was not committed", cause);
      ReplicationException failure =
          cause instanceof ReplicationException r
              ? r
              : new ReplicationException(
                  "NOT_COMMITTED", "the entries could not be committed: " + cause, cause);
      for (Waiting<T, R> waiting : group) {
        waiting.result().completeExceptionally(failure);
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).result().complete(results.get(i));
    }
  }

  /**
   * Stops taking items, fails those still waiting with {@code NODE_STOPPING} and waits briefly for
   * the worker; flushes already started complete on their own.
   */
  @Override
  public void close() {
    List<Waiting<T, R>> left;
    lock.lock();
    try {
      closed = true;
      left = new ArrayList<>(queue);
      queue.clear();
      queuedBytes = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Waiting<T, R> waiting : left) {
      waiting
          .result()
          .completeExceptionally(
              new ReplicationException(
                  "NODE_STOPPING", "the node is shutting down; retry on another node"));
    }
    try {
      worker.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
