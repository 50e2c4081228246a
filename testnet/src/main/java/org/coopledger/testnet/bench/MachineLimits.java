package org.coopledger.testnet.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
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
    int cpus = Runtime.getRuntime().availableProcessors();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    out.printf(
        Locale.ROOT,
        "machine limits: %d CPUs, load average %.1f, Java %s (%s), %d s per measurement after an"
            + " equal warm-up%n",
        cpus,
        load,
        Runtime.version(),
        System.getProperty("java.vm.name"),
        duration.toSeconds());
    if (load > cpus) {
      out.println(
          "warning: the machine is busy (load above the CPU count); wall-clock rates will be low,"
              + " the per-CPU-second rates are the better guide");
    }

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
    Rate root = primitives.root(ROOT_LEAVES, 3);
    double rootMillis = root.elapsed().toNanos() / 1e6;
    double rootCpuMillis = root.cpuTime().toNanos() / 1e6;

    out.println();
    out.printf(
        Locale.ROOT, "%-40s %12s %14s %9s%n", "", "per second", "per CPU second", "CPU share");
    line(out, "Ed25519 sign (1 thread, 256-byte msg)", sign, 1);
    line(out, "Ed25519 verify (1 thread, 256-byte msg)", verify, 1);
    line(out, "Ed25519 verify (2 threads)", verify2, 1);
    line(out, "SHA-256 MB (1 thread, 64 KiB updates)", sha, 1e6);
    out.printf(
        Locale.ROOT,
        "%-40s %,9.0f ms %,11.0f ms CPU %6.0f%%%n",
        "Merkle root of 1,000,000 leaf hashes",
        rootMillis,
        rootCpuMillis,
        root.cpuShare() * 100);
    out.printf(
        Locale.ROOT,
        "RESULT sign_per_s=%.0f verify_per_s=%.0f verify_per_s_2t=%.0f sha256_mb_per_s=%.1f"
            + " root_1m_ms=%.1f sign_per_cpu_s=%.0f verify_per_cpu_s=%.0f root_1m_cpu_ms=%.1f"
            + " cpu_share=%.2f%n",
        sign.perSecond(),
        verify.perSecond(),
        verify2.perSecond(),
        sha.perSecond() / 1e6,
        rootMillis,
        sign.perCpuSecond(),
        verify.perCpuSecond(),
        rootCpuMillis,
        verify.cpuShare());
  }

  private static void line(PrintStream out, String label, Rate rate, double unit) {
    out.printf(
        Locale.ROOT,
        "%-40s %,12.0f %,14.0f %8.0f%%%n",
        label,
        rate.perSecond() / unit,
        rate.perCpuSecond() / unit,
        rate.cpuShare() * 100);
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
