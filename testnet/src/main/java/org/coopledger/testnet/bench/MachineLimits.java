package org.coopledger.testnet.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints this machine's limits: Ed25519 sign/s and verify/s (one and two threads), SHA-256 MB/s and
 * the time to build the Merkle tree of 1,000,000 leaves. Progress and readable lines first; the
 * last line is {@code RESULT key=value ...} for scripts.
 *
 * <p>Usage: {@code MachineLimits [--seconds N]} (seconds per measurement, default 3; each also
 * warms up for as long).
 */
public final class MachineLimits {
  /** The leaf count of the tree-building measurement. */
  public static final int ROOT_LEAVES = 1_000_000;

  private MachineLimits() {}

  public static void main(String[] args) {
    Duration duration = Duration.ofSeconds(parseSeconds(args));
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "machine limits: %d CPUs visible, Java %s (%s), %d s per measurement after an equal"
            + " warm-up%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        System.getProperty("java.vm.name"),
        duration.toSeconds());

    Primitives primitives = new Primitives();
    out.println("measuring Ed25519 sign, 1 thread ...");
    Rate sign = primitives.sign(duration, 1);
    out.println("measuring Ed25519 verify, 1 thread ...");
    Rate verify = primitives.verify(duration, 1);
    out.println("measuring Ed25519 verify, 2 threads ...");
    Rate verify2 = primitives.verify(duration, 2);
    out.println("measuring SHA-256 ...");
    Rate sha = primitives.sha256Bytes(duration);
    out.printf(Locale.ROOT, "measuring the root of %,d leaves (best of 3) ...%n", ROOT_LEAVES);
    double rootMillis = primitives.rootMillis(ROOT_LEAVES, 3);

    double mbPerSecond = sha.perSecond() / 1e6;
    out.println();
    out.printf(
        Locale.ROOT,
        "Ed25519 sign   (1 thread, %d-byte msg): %,10.0f /s%n",
        Primitives.MESSAGE_BYTES,
        sign.perSecond());
    out.printf(
        Locale.ROOT,
        "Ed25519 verify (1 thread, %d-byte msg): %,10.0f /s%n",
        Primitives.MESSAGE_BYTES,
        verify.perSecond());
    out.printf(
        Locale.ROOT,
        "Ed25519 verify (2 threads):             %,10.0f /s  (x%.2f)%n",
        verify2.perSecond(),
        verify2.perSecond() / verify.perSecond());
    out.printf(Locale.ROOT, "SHA-256 (1 thread, 64 KiB updates):     %,10.0f MB/s%n", mbPerSecond);
    out.printf(
        Locale.ROOT,
        "Merkle root of %,d leaf hashes:     %,10.0f ms (%,.0f node hashes/s)%n",
        ROOT_LEAVES,
        rootMillis,
        (ROOT_LEAVES - 1) / (rootMillis / 1000));
    out.printf(
        Locale.ROOT,
        "RESULT sign_per_s=%.0f verify_per_s=%.0f verify_per_s_2t=%.0f sha256_mb_per_s=%.1f"
            + " root_1m_ms=%.1f%n",
        sign.perSecond(),
        verify.perSecond(),
        verify2.perSecond(),
        mbPerSecond,
        rootMillis);
  }

  private static long parseSeconds(String[] args) {
    if (args.length == 0) {
      return 3;
    }
    if (args.length == 2 && args[0].equals("--seconds")) {
      try {
        long seconds = Long.parseLong(args[1]);
        if (seconds >= 1 && seconds <= 600) {
          return seconds;
        }
      } catch (NumberFormatException e) {
        // falls through to the usage message
      }
    }
    System.err.println("usage: MachineLimits [--seconds N]   (N = 1..600 seconds per measurement)");
    System.exit(2);
    return 0;
  }
}
