package org.coopledger.testnet.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.coopledger.governance.proto.SignedEntryBatch;

/**
 * Submits pre-signed entries to a node's {@code POST /v1/entries:batch} in batches, over {@code
 * streams} HTTP/1.1 connections at once. Authors are split over the streams (author mod streams),
 * and each stream sends its entries in order, one batch at a time: a member's nonces reach the node
 * in increasing order whatever order the streams are answered in. Every entry of a batch is
 * acknowledged when the batch's response arrives; the latency recorded is that of the request.
 */
public final class BatchLoadGenerator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final int streams;
  private final int batchSize;
  private final LoadGenerator.Format format;
  private final ExecutorService executor;
  private final HttpClient http;

  public BatchLoadGenerator(URI node, int streams, int batchSize, LoadGenerator.Format format) {
    if (streams < 1 || batchSize < 1) {
      throw new IllegalArgumentException("streams and batch size must be positive");
    }
    this.endpoint = node.resolve("/v1/entries:batch");
    this.streams = streams;
    this.batchSize = batchSize;
    this.format = format;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t =
                  new Thread(r, LoadGenerator.THREAD_PREFIX + "batch-" + threads.incrementAndGet());
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

  /** Sends every entry once, in batches, and waits for all answers. */
  public LoadResult run(
      List<byte[]> signedEntries, IntUnaryOperator authorOf, Consumer<Integer> progress)
      throws InterruptedException {
    int n = signedEntries.size();
    List<List<List<Integer>>> plan = plan(n, authorOf);
    int requests = plan.stream().mapToInt(List::size).sum();
    CountDownLatch done = new CountDownLatch(requests);
    AtomicInteger answered = new AtomicInteger();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger accepted = new AtomicInteger();
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    Map<String, String> firstMessages = new ConcurrentHashMap<>();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> progress.accept(answered.get()), 1, 1, TimeUnit.SECONDS);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuBefore = LoadGenerator.clientCpuNanos() + cpu.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try {
      for (List<List<Integer>> stream : plan) {
        if (!stream.isEmpty()) {
          send(
              stream,
              0,
              signedEntries,
              new Tally(done, answered, latencies, accepted, failures, firstMessages));
        }
      }
      done.await();
    } finally {
      ticker.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Duration clientCpu =
        Duration.ofNanos(
            LoadGenerator.clientCpuNanos() + cpu.getCurrentThreadCpuTime() - cpuBefore);
    long[] perEntry;
    synchronized (latencies) {
      perEntry = latencies.stream().mapToLong(Long::longValue).toArray();
    }
    return new LoadResult(
        n, accepted.get(), failures, firstMessages, Latencies.of(perEntry), elapsed, clientCpu);
  }

  private record Tally(
      CountDownLatch done,
      AtomicInteger answered,
      List<Long> latencies,
      AtomicInteger accepted,
      Map<String, Integer> failures,
      Map<String, String> firstMessages) {
    void fail(String kind, String message, int count) {
      failures.merge(kind, count, Integer::sum);
      firstMessages.putIfAbsent(kind, message);
    }
  }

  /** Per stream, its batches: entry indices in list order. */
  private List<List<List<Integer>>> plan(int n, IntUnaryOperator authorOf) {
    List<List<Integer>> byStream = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      byStream.add(new ArrayList<>());
    }
    for (int k = 0; k < n; k++) {
      byStream.get(Math.floorMod(authorOf.applyAsInt(k), streams)).add(k);
    }
    List<List<List<Integer>>> plan = new ArrayList<>();
    for (List<Integer> stream : byStream) {
      List<List<Integer>> batches = new ArrayList<>();
      for (int i = 0; i < stream.size(); i += batchSize) {
        batches.add(stream.subList(i, Math.min(stream.size(), i + batchSize)));
      }
      plan.add(batches);
    }
    return plan;
  }

  private void send(List<List<Integer>> stream, int next, List<byte[]> entries, Tally tally) {
    List<Integer> batch = stream.get(next);
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(120))
            .header(
                "Content-Type",
                format == LoadGenerator.Format.JSON ? "application/json" : "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body(batch, entries)))
            .build();
    long sentAt = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete(
            (response, error) -> {
              long latency = System.nanoTime() - sentAt;
              record(batch.size(), latency, response, error, tally);
              tally.answered().addAndGet(batch.size());
              tally.done().countDown();
              if (next + 1 < stream.size()) {
                send(stream, next + 1, entries, tally);
              }
            });
  }

  private byte[] body(List<Integer> batch, List<byte[]> entries) {
    if (format == LoadGenerator.Format.JSON) {
      StringBuilder json = new StringBuilder(batch.size() * 400).append("{\"entries\":[");
      for (int i = 0; i < batch.size(); i++) {
        json.append(i == 0 ? "" : ",")
            .append(
                new String(LoadGenerator.json(entries.get(batch.get(i))), StandardCharsets.UTF_8));
      }
      return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
    SignedEntryBatch.Builder out = SignedEntryBatch.newBuilder();
    for (int k : batch) {
      out.addEntries(ByteString.copyFrom(entries.get(k)));
    }
    return out.build().toByteArray();
  }

  private static void record(
      int size, long latency, HttpResponse<byte[]> response, Throwable error, Tally tally) {
    if (error != null) {
      String kind = error.getClass().getSimpleName();
      tally.fail(kind, String.valueOf(error.getMessage()), size);
      return;
    }
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() != 200) {
      tally.fail("HTTP " + response.statusCode() + " " + LoadGenerator.code(body), body, size);
      return;
    }
    JsonNode results;
    try {
      results = JSON.readTree(body).path("results");
    } catch (IOException e) {
      tally.fail("unreadable response", body, size);
      return;
    }
    int ok = 0;
    for (JsonNode result : results) {
      if (result.path("status").asInt() == 201) {
        ok++;
        tally.latencies().add(latency);
      } else {
        tally.fail(
            "entry " + result.path("status").asInt() + " " + result.path("error").asText(),
            result.path("message").asText(),
            1);
      }
    }
    tally.accepted().addAndGet(ok);
    if (results.size() != size) {
      tally.fail("wrong result count", body, Math.max(0, size - results.size()));
    }
  }

  @Override
  public void close() {
    http.close();
    executor.shutdownNow();
  }
}
