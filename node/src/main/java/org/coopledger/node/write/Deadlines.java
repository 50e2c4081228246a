package org.coopledger.node.write;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coopledger.node.replication.ReplicationException;

/**
 * Fails the futures that are not done within one fixed timeout, for every waiting request at once:
 * one thread that looks a few times a second, instead of a timer per request (a virtual thread's
 * timed wait schedules one and wakes the pool's timer thread for it, on every single-entry
 * submission). Since every deadline is the same timeout after its registration, registration order
 * is deadline order and the queue is checked from its head only. A deadline is kept to within
 * {@link #TICK}. Thread-safe.
 */
final class Deadlines implements AutoCloseable {
  static final Duration TICK = Duration.ofMillis(100);

  private record Waiting(long deadlineNanos, CompletableFuture<?> future) {}

  private final long timeoutNanos;
  private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
  private final Thread sweeper;
  private volatile boolean closed;

  Deadlines(String name, Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.sweeper = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  /**
   * Fails {@code future} with a {@link TimeoutException} if it is not done within the timeout from
   * now (about; at most {@link #TICK} later).
   */
  void watch(CompletableFuture<?> future) {
    queue.add(new Waiting(System.nanoTime() + timeoutNanos, future));
    if (closed) {
      // Added after close() emptied the queue: nobody would ever look at it again.
      failAll();
    }
  }

  private void run() {
    long tick = TICK.toNanos();
    while (!closed) {
      long now = System.nanoTime();
      Waiting head;
      while ((head = queue.peek()) != null
          && (head.future().isDone() || head.deadlineNanos() - now <= 0)) {
        // The one taken is the head looked at, unless close() empties the queue meanwhile.
        Waiting taken = queue.poll();
        if (taken != null) {
          taken.future().completeExceptionally(new TimeoutException("past its deadline"));
        }
      }
      try {
        TimeUnit.NANOSECONDS.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Stops watching and fails every future still waiting with {@code NODE_STOPPING}, so that no
   * request waits on past the node's end.
   */
  @Override
  public void close() {
    closed = true;
    sweeper.interrupt();
    try {
      sweeper.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failAll();
  }

  private void failAll() {
    Waiting left;
    while ((left = queue.poll()) != null) {
      left.future()
          .completeExceptionally(
              new ReplicationException(
                  "NODE_STOPPING",
                  "the node stopped before the entry was committed; it may still be applied:"
                      + " check GET /v1/entries before resubmitting"));
    }
  }
}
