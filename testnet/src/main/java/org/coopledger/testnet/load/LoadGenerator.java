package org.coopledger.testnet.load;

import com.google.protobuf.InvalidProtocolBufferException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopledger.governance.proto.SignedEntry;

/**
 * Submits pre-signed entries to a node's {@code POST /v1/entries} over HTTP/1.1 with at most {@code
 * concurrency} requests in flight (java.net.http, asynchronous), and records the latency of every
 * acknowledgement.
 *
 * <p>An author's entries are sent one at a time, in order: a member's nonces must reach the node in
 * increasing order, and two requests in flight may be answered in any order. So the number of
 * requests in flight is at most the number of authors with entries left.
 */
public final class LoadGenerator implements AutoCloseable {
  /** How entries are sent. */
  public enum Format {
    /** {@code application/x-protobuf}: the signed entry's bytes. */
    PROTOBUF,
    /** {@code application/json}: {@code {"body": base64, "signatures": [...]}}. */
    JSON
  }

  private static final Pattern ERROR_CODE = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]+)\"");
  static final String THREAD_PREFIX = "bench-http-";

  private final URI entries;
  private final int concurrency;
  private final Format format;
  private final ExecutorService executor;
  private final HttpClient http;

  public LoadGenerator(URI node, int concurrency, Format format) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.entries = node.resolve("/v1/entries");
    this.concurrency = concurrency;
    this.format = format;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, THREAD_PREFIX + threads.incrementAndGet());
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

  /**
   * Sends every entry once and waits for all answers.
   *
   * @param authorOf the author (any int id) of entry {@code k}; entries of one author are sent in
   *     list order, one at a time
   * @param progress called about once a second with the entries answered so far
   */
  public LoadResult run(
      List<byte[]> signedEntries, IntUnaryOperator authorOf, Consumer<Integer> progress)
      throws InterruptedException {
    int n = signedEntries.size();
    List<byte[]> bodies = encodeAll(signedEntries);
    String contentType = format == Format.JSON ? "application/json" : "application/x-protobuf";
    Map<Integer, Queue<Integer>> byAuthor = new ConcurrentHashMap<>();
    for (int k = 0; k < n; k++) {
      byAuthor.computeIfAbsent(authorOf.applyAsInt(k), a -> new ArrayDeque<>()).add(k);
    }
    BlockingQueue<Integer> ready = new LinkedBlockingQueue<>(byAuthor.keySet());
    Semaphore permits = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(n);
    long[] latencies = new long[n];
    boolean[] ok = new boolean[n];
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    Map<String, String> firstMessages = new ConcurrentHashMap<>();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(
        () -> progress.accept((int) (n - done.getCount())), 1, 1, TimeUnit.SECONDS);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuBefore = clientCpuNanos() + cpu.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try {
      for (int sent = 0; sent < n; sent++) {
        int author = ready.take();
        permits.acquire();
        Queue<Integer> queue = byAuthor.get(author);
        int k;
        synchronized (queue) {
          k = queue.remove();
        }
        HttpRequest request =
            HttpRequest.newBuilder(entries)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(k)))
                .build();
        long sentAt = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
            .whenComplete(
                (response, error) -> {
                  latencies[k] = System.nanoTime() - sentAt;
                  if (error != null) {
                    String kind = error.getClass().getSimpleName();
                    failures.merge(kind, 1, Integer::sum);
                    firstMessages.putIfAbsent(kind, String.valueOf(error.getMessage()));
                  } else if (response.statusCode() == 201) {
                    ok[k] = true;
                  } else {
                    String kind = "HTTP " + response.statusCode() + " " + code(response.body());
                    failures.merge(kind, 1, Integer::sum);
                    firstMessages.putIfAbsent(kind, response.body());
                  }
                  permits.release();
                  boolean more;
                  synchronized (queue) {
                    more = !queue.isEmpty();
                  }
                  if (more) {
                    ready.add(author);
                  }
                  done.countDown();
                });
      }
      done.await();
    } finally {
      ticker.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    // The sending thread (this one) builds and hands over every request: client work too.
    Duration clientCpu =
        Duration.ofNanos(clientCpuNanos() + cpu.getCurrentThreadCpuTime() - cpuBefore);
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
        clientCpu);
  }

  private List<byte[]> encodeAll(List<byte[]> signedEntries) {
    if (format == Format.PROTOBUF) {
      return signedEntries;
    }
    List<byte[]> out = new ArrayList<>(signedEntries.size());
    for (byte[] entry : signedEntries) {
      out.add(json(entry));
    }
    return out;
  }

  /** The JSON form of a signed entry, as a client that speaks JSON would send it. */
  static byte[] json(byte[] signedEntry) {
    SignedEntry entry;
    try {
      entry = SignedEntry.parseFrom(signedEntry);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a SignedEntry", e);
    }
    Base64.Encoder base64 = Base64.getEncoder();
    StringBuilder json = new StringBuilder(512);
    json.append("{\"body\":\"")
        .append(base64.encodeToString(entry.getBody().toByteArray()))
        .append("\",\"signatures\":[");
    for (int i = 0; i < entry.getSignaturesCount(); i++) {
      var s = entry.getSignatures(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"keyId\":\"")
          .append(s.getKeyId())
          .append("\",\"algorithm\":\"")
          .append(s.getAlgorithm().name())
          .append("\",\"signature\":\"")
          .append(base64.encodeToString(s.getSignature().toByteArray()))
          .append("\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  static String code(String body) {
    Matcher m = ERROR_CODE.matcher(body == null ? "" : body);
    return m.find() ? m.group(1) : "(no error code)";
  }

  /** CPU time of the HTTP client's threads: its selector and the executor handed to it. */
  static long clientCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null
          && (info.getThreadName().startsWith(THREAD_PREFIX)
              || info.getThreadName().startsWith("HttpClient-"))) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(cpu, 0);
      }
    }
    return total;
  }

  @Override
  public void close() {
    http.close();
    executor.shutdownNow();
  }
}
