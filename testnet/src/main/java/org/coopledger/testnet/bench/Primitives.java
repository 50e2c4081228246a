package org.coopledger.testnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * Raw speed of the primitives every entry costs, measured through the same classes the node uses
 * (SigningKey, PublicKey, InMemoryHashSource). Time-boxed loops, not JMH: the figures are
 * denominators for end-to-end benchmarks run in the same process, and a few percent of noise is
 * fine. Each measurement runs a warm-up of the same length first so the JIT has compiled the loop.
 * Rates are given per wall-clock second and per CPU second: on a shared, busy machine the first
 * drops with the load and the second stays close to what the code can do.
 */
public final class Primitives {
  /** Messages are about the size of a signed entry body. */
  public static final int MESSAGE_BYTES = 256;

  private static final int MESSAGES = 64;

  private final List<byte[]> messages = new ArrayList<>(MESSAGES);
  private final List<byte[]> signatures = new ArrayList<>(MESSAGES);
  private final SigningKey key = SigningKey.fromSeed(new byte[32]);
  private final PublicKey publicKey = key.publicKey();

  public Primitives() {
    for (int i = 0; i < MESSAGES; i++) {
      byte[] message = new byte[MESSAGE_BYTES];
      byte[] tag = ("message " + i).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(tag, 0, message, 0, tag.length);
      messages.add(message);
      signatures.add(key.sign(message));
    }
  }

  /** Ed25519 signatures of {@value #MESSAGE_BYTES}-byte messages on {@code threads} threads. */
  public Rate sign(Duration duration, int threads) {
    return timed(
        duration,
        threads,
        () -> {
          long done = 0;
          long deadline = System.nanoTime() + duration.toNanos();
          while (System.nanoTime() < deadline) {
            key.sign(messages.get((int) (done % MESSAGES)));
            done++;
          }
          return done;
        });
  }

  /** Ed25519 verifications (all valid) of {@value #MESSAGE_BYTES}-byte messages. */
  public Rate verify(Duration duration, int threads) {
    return timed(
        duration,
        threads,
        () -> {
          long done = 0;
          long deadline = System.nanoTime() + duration.toNanos();
          while (System.nanoTime() < deadline) {
            int i = (int) (done % MESSAGES);
            publicKey.verify(messages.get(i), signatures.get(i)); // throws if it ever fails
            done++;
          }
          return done;
        });
  }

  /** SHA-256 throughput in bytes, hashing 64 KiB updates on one thread. */
  public Rate sha256Bytes(Duration duration) {
    byte[] block = new byte[64 * 1024];
    return timed(
        duration,
        1,
        () -> {
          MessageDigest digest = sha256();
          long bytes = 0;
          long deadline = System.nanoTime() + duration.toNanos();
          while (System.nanoTime() < deadline) {
            digest.update(block);
            bytes += block.length;
          }
          digest.digest();
          return bytes;
        });
  }

  /**
   * Building the Merkle tree of {@code leaves} leaf hashes (computed beforehand, not timed) in an
   * {@link InMemoryHashSource} — as an auditor does after downloading a log — and taking its root:
   * the fastest of {@code runs} runs after one warm-up, as a rate of leaves.
   */
  public Rate root(int leaves, int runs) {
    List<Hash> leafHashes = new ArrayList<>(leaves);
    byte[] entry = new byte[MESSAGE_BYTES];
    for (int i = 0; i < leaves; i++) {
      entry[0] = (byte) i;
      entry[1] = (byte) (i >>> 8);
      entry[2] = (byte) (i >>> 16);
      leafHashes.add(TreeHasher.leafHash(entry));
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Rate best = null;
    Hash first = null;
    for (int run = 0; run <= runs; run++) {
      long cpuStart = cpu.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      InMemoryHashSource tree = new InMemoryHashSource();
      for (Hash leafHash : leafHashes) {
        tree.appendLeafHash(leafHash);
      }
      Hash root = tree.root();
      Rate rate =
          new Rate(
              leaves,
              Duration.ofNanos(System.nanoTime() - start),
              1,
              Duration.ofNanos(cpu.getCurrentThreadCpuTime() - cpuStart));
      if (first == null) {
        first = root; // the warm-up run
      } else if (!root.equals(first)) {
        throw new IllegalStateException("two builds of the same tree gave different roots");
      } else if (best == null || rate.elapsed().compareTo(best.elapsed()) < 0) {
        best = rate;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("runs must be at least 1");
    }
    return best;
  }

  private static Rate timed(Duration duration, int threads, Callable<Long> loop) {
    run(threads, loop); // warm-up, same length
    long start = System.nanoTime();
    long[] totals = run(threads, loop);
    return new Rate(
        totals[0],
        Duration.ofNanos(System.nanoTime() - start),
        threads,
        Duration.ofNanos(totals[1]));
  }

  /** Runs {@code loop} on {@code threads} threads; returns {total operations, total CPU ns}. */
  private static long[] run(int threads, Callable<Long> loop) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  long cpuStart = cpu.getCurrentThreadCpuTime();
                  long operations = loop.call();
                  return new long[] {operations, cpu.getCurrentThreadCpuTime() - cpuStart};
                }));
      }
      long[] totals = new long[2];
      for (Future<long[]> future : futures) {
        long[] result = future.get();
        totals[0] += result[0];
        totals[1] += result[1];
      }
      return totals;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("benchmark interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("benchmark loop failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
