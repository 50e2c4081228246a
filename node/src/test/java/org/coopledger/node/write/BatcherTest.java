package org.coopledger.node.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.coopledger.node.replication.ReplicationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batcher with a flush function the test completes by hand. */
class BatcherTest {
  /** Flushes the test has seen and not yet completed, in order. */
  private final LinkedBlockingQueue<Flush> flushes = new LinkedBlockingQueue<>();

  private final List<Integer> groupSizes = new CopyOnWriteArrayList<>();
  private Batcher<Integer, String> batcher;

  private record Flush(List<Integer> items, CompletableFuture<List<String>> done) {
    void succeed() {
      done.complete(items.stream().map(i -> "ok " + i).toList());
    }
  }

  private Batcher<Integer, String> start(Batcher.Limits limits) {
    batcher =
        new Batcher<>(
            "test-batcher",
            limits,
            i -> 10,
            groupSizes::add,
            items -> {
              CompletableFuture<List<String>> done = new CompletableFuture<>();
              flushes.add(new Flush(List.copyOf(items), done));
              return done;
            });
    return batcher;
  }

  private Flush nextFlush() throws InterruptedException {
    Flush flush = flushes.poll(5, TimeUnit.SECONDS);
    assertThat(flush).as("a flush within 5 s").isNotNull();
    return flush;
  }

  @AfterEach
  void close() {
    if (batcher != null) {
      batcher.close();
    }
  }

  @Test
  void keepsSubmissionOrderWithinAndAcrossGroups() throws Exception {
    start(new Batcher.Limits(3, 1 << 20, 1, 1000, Duration.ZERO));
    List<CompletableFuture<String>> results = new ArrayList<>();
    results.add(batcher.submit(0));
    Flush first = nextFlush();
    // While the only flush slot is busy, everything else waits and is grouped in order.
    results.addAll(batcher.submitAll(List.of(1, 2, 3, 4, 5, 6, 7)));
    first.succeed();
    List<Integer> seen = new ArrayList<>(first.items());
    while (seen.size() < 8) {
      Flush flush = nextFlush();
      assertThat(flush.items().size()).isLessThanOrEqualTo(3);
      seen.addAll(flush.items());
      flush.succeed();
    }
    assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("ok " + i);
    }
  }

  @Test
  void flushesAtOnceWhenIdleAndGroupsWhatWaitsWhenBusy() throws Exception {
    start(new Batcher.Limits(100, 1 << 20, 1, 1000, Duration.ZERO));
    batcher.submit(0);
    Flush lone = nextFlush();
    assertThat(lone.items()).containsExactly(0);
    batcher.submitAll(List.of(1, 2, 3, 4, 5));
    batcher.submit(6);
    lone.succeed();
    Flush grouped = nextFlush();
    assertThat(grouped.items()).containsExactly(1, 2, 3, 4, 5, 6);
    grouped.succeed();
    assertThat(groupSizes).containsExactly(1, 6);
  }

  @Test
  void flushesAGroupWhenItReachesItsSizeOrByteLimit() throws Exception {
    start(new Batcher.Limits(4, 25, 1, 1000, Duration.ofSeconds(30)));
    // Each item weighs 10 bytes: the byte limit (25) cuts groups at two items even though the
    // linger (30 s) would wait much longer for a fuller group.
    batcher.submitAll(List.of(1, 2, 3));
    Flush first = nextFlush();
    assertThat(first.items()).containsExactly(1, 2);
    first.succeed();
    batcher.close();
    batcher = null;
    start(new Batcher.Limits(4, 1 << 20, 1, 1000, Duration.ofSeconds(30)));
    batcher.submitAll(List.of(1, 2, 3, 4, 5));
    Flush full = nextFlush();
    assertThat(full.items()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void flushesAPartialGroupWhenTheLingerRunsOut() throws Exception {
    start(new Batcher.Limits(100, 1 << 20, 1, 1000, Duration.ofMillis(200)));
    long start = System.nanoTime();
    batcher.submit(1);
    batcher.submit(2);
    Flush flush = nextFlush();
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(flush.items()).containsExactly(1, 2);
    assertThat(waitedMillis).isGreaterThanOrEqualTo(190);
  }

  @Test
  void refusesWhatDoesNotFitInTheQueueButKeepsTheRest() throws Exception {
    start(new Batcher.Limits(100, 1 << 20, 1, 3, Duration.ZERO));
    batcher.submit(0);
    Flush busy = nextFlush();
    List<CompletableFuture<String>> results = batcher.submitAll(List.of(1, 2, 3, 4, 5));
    assertThat(results.subList(0, 3)).noneMatch(CompletableFuture::isDone);
    for (CompletableFuture<String> refused : results.subList(3, 5)) {
      assertThat(refused).isCompletedExceptionally();
      assertThat(failure(refused).code()).isEqualTo("NODE_BUSY");
    }
    busy.succeed();
    Flush next = nextFlush();
    assertThat(next.items()).containsExactly(1, 2, 3);
    next.succeed();
    assertThat(results.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("ok 3");
  }

  @Test
  void runsAtMostMaxInFlightFlushesAtATime() throws Exception {
    start(new Batcher.Limits(1, 1 << 20, 2, 1000, Duration.ZERO));
    batcher.submitAll(List.of(1, 2, 3));
    Flush a = nextFlush();
    Flush b = nextFlush();
    assertThat(flushes.poll(300, TimeUnit.MILLISECONDS)).as("a third flush").isNull();
    a.succeed();
    Flush c = nextFlush();
    assertThat(List.of(a.items(), b.items(), c.items()))
        .containsExactly(List.of(1), List.of(2), List.of(3));
  }

  @Test
  void aFailedFlushFailsEveryItemOfItsGroupWithARetryableError() throws Exception {
    start(new Batcher.Limits(100, 1 << 20, 1, 1000, Duration.ZERO));
    List<CompletableFuture<String>> results =
        batcher.submitAll(Collections.nCopies(3, 7).stream().toList());
    nextFlush().done().completeExceptionally(new IllegalStateException("disk on fire"));
    for (CompletableFuture<String> result : results) {
      assertThat(failure(result).code()).isEqualTo("NOT_COMMITTED");
    }
    // The batcher goes on with the next group.
    CompletableFuture<String> later = batcher.submit(8);
    nextFlush().succeed();
    assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("ok 8");
  }

  @Test
  void closingFailsWhatStillWaits() throws Exception {
    start(new Batcher.Limits(100, 1 << 20, 1, 1000, Duration.ZERO));
    batcher.submit(0);
    nextFlush();
    CompletableFuture<String> waiting = batcher.submit(1);
    batcher.close();
    assertThat(failure(waiting).code()).isEqualTo("NODE_STOPPING");
    assertThat(failure(batcher.submit(2)).code()).isEqualTo("NODE_STOPPING");
  }

  private static ReplicationException failure(CompletableFuture<String> result)
      throws InterruptedException {
    try {
      result.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ReplicationException.class);
      return (ReplicationException) e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the result did not complete", e);
    }
    throw new AssertionError("the result succeeded");
  }
}
