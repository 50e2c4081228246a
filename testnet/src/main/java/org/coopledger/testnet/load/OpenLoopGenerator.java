package org.coopledger.testnet.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;

/**
 * Open-loop load: entry {@code k} is due at {@code start + k / rate}, whether or not earlier
 * entries were answered, so a slow node shows up as latency instead of a lower offered rate (no
 * coordinated omission). Latency is measured from the moment an entry was due to its
 * acknowledgement. A member's next entry is sent only once its previous one is answered (nonces
 * must arrive in order); the wait counts in its latency.
 */
public final class OpenLoopGenerator implements AutoCloseable {
  private final URI entries;
  private final ExecutorService executor;
  private final HttpClient http;

  public OpenLoopGenerator(URI node) {
    this.entries = node.resolve("/v1/entries");
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t =
                  new Thread(r, LoadGenerator.THREAD_PREFIX + "open-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(executor)
            .build();
  }

  /** Offers {@code signedEntries} at {@code ratePerSecond} (protobuf) and waits for all answers. */
  public LoadResult run(
      java.util.List<byte[]> signedEntries, IntUnaryOperator authorOf, double ratePerSecond)
      throws InterruptedException {
    return run(signedEntries, authorOf, ratePerSecond, null);
  }

  /**
   * As {@link #run(java.util.List, IntUnaryOperator, double)}, and if {@code trace} is not null
   * writes one line per entry to it: when it was due (ms since the start of the run), how long
   * after that it was sent (the wait behind its author's previous entry, or the generator's own
   * lag), and its latency from when it was due; the header names the JVM's uptime at the start, so
   * that the lines can be laid beside a GC log.
   */
  public LoadResult run(
      java.util.List<byte[]> signedEntries,
      IntUnaryOperator authorOf,
      double ratePerSecond,
      Path trace)
      throws InterruptedException {
    int n = signedEntries.size();
    long[] latencies = new long[n];
    long[] sentAt = new long[n];
    boolean[] ok = new boolean[n];
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    Map<String, String> firstMessages = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(n);
    // Per author: entries due but held back behind one still in flight.
    Map<Integer, ArrayDeque<Integer>> held = new HashMap<>();
    Map<Integer, Boolean> busy = new HashMap<>();
    long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
    long start = System.nanoTime();
    long intervalNanos = (long) (1e9 / ratePerSecond);
    Sender sender =
        new Sender(
            signedEntries,
            start,
            intervalNanos,
            latencies,
            sentAt,
            ok,
            failures,
            firstMessages,
            done) {
          @Override
          void answered(int k) {
            int author = authorOf.applyAsInt(k);
            Integer next;
            synchronized (held) {
              ArrayDeque<Integer> queue = held.get(author);
              next = queue == null ? null : queue.poll();
              if (next == null) {
                busy.put(author, false);
              }
            }
            if (next != null) {
              send(next);
            }
          }
        };
    for (int k = 0; k < n; k++) {
      long due = start + k * intervalNanos;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int author = authorOf.applyAsInt(k);
      boolean sendNow;
      synchronized (held) {
        sendNow = !busy.getOrDefault(author, false);
        if (sendNow) {
          busy.put(author, true);
        } else {
          held.computeIfAbsent(author, a -> new ArrayDeque<>()).add(k);
        }
      }
      if (sendNow) {
        sender.send(k);
      }
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("open-loop answers missing after 5 minutes");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (trace != null) {
      writeTrace(trace, uptimeAtStart, intervalNanos, sentAt, latencies, ok);
    }
    int accepted = 0;
    long[] acceptedLatencies = new long[n];
    for (int k = 0; k < n; k++) {
      if (ok[k]) {
        acceptedLatencies[accepted++] = latencies[k];
      }
    }
    return new LoadResult(
        n,
        accepted,
        failures,
        firstMessages,
        Latencies.of(java.util.Arrays.copyOf(acceptedLatencies, accepted)),
        elapsed,
        Duration.ZERO);
  }

  private static void writeTrace(
      Path trace,
      long uptimeAtStart,
      long intervalNanos,
      long[] sentAt,
      long[] latencies,
      boolean[] ok) {
    StringBuilder out = new StringBuilder();
    out.append("# jvm_uptime_ms_at_start=").append(uptimeAtStart).append('\n');
    out.append("# k due_ms send_delay_ms latency_ms ok\n");
    for (int k = 0; k < latencies.length; k++) {
      long due = k * intervalNanos;
      out.append(
          String.format(
              Locale.ROOT,
              "%d %.3f %.3f %.3f %d%n",
              k,
              due / 1e6,
              (sentAt[k] - due) / 1e6,
              latencies[k] / 1e6,
              ok[k] ? 1 : 0));
    }
    try {
      Files.writeString(trace, out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the trace " + trace, e);
    }
  }

  private abstract class Sender {
    private final java.util.List<byte[]> signedEntries;
    private final long start;
    private final long intervalNanos;
    private final long[] latencies;
    private final long[] sentAt;
    private final boolean[] ok;
    private final Map<String, Integer> failures;
    private final Map<String, String> firstMessages;
    private final CountDownLatch done;

    Sender(
        java.util.List<byte[]> signedEntries,
        long start,
        long intervalNanos,
        long[] latencies,
        long[] sentAt,
        boolean[] ok,
        Map<String, Integer> failures,
        Map<String, String> firstMessages,
        CountDownLatch done) {
      this.signedEntries = signedEntries;
      this.start = start;
      this.intervalNanos = intervalNanos;
      this.latencies = latencies;
      this.sentAt = sentAt;
      this.ok = ok;
      this.failures = failures;
      this.firstMessages = firstMessages;
      this.done = done;
    }

    abstract void answered(int k);

    void send(int k) {
      sentAt[k] = System.nanoTime() - start;
      HttpRequest request =
          HttpRequest.newBuilder(entries)
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/x-protobuf")
              .POST(HttpRequest.BodyPublishers.ofByteArray(signedEntries.get(k)))
              .build();
      http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
          .whenComplete(
              (response, error) -> {
                latencies[k] = System.nanoTime() - (start + k * intervalNanos);
                if (error != null) {
                  String kind = error.getClass().getSimpleName();
                  failures.merge(kind, 1, Integer::sum);
                  firstMessages.putIfAbsent(kind, String.valueOf(error.getMessage()));
                } else if (response.statusCode() == 201) {
                  ok[k] = true;
                } else {
                  String kind =
                      "HTTP " + response.statusCode() + " " + LoadGenerator.code(response.body());
                  failures.merge(kind, 1, Integer::sum);
                  firstMessages.putIfAbsent(kind, response.body());
                }
                done.countDown();
                answered(k);
              });
    }
  }

  @Override
  public void close() {
    http.close();
    executor.shutdownNow();
  }
}
