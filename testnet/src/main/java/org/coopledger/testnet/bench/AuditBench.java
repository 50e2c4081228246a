package org.coopledger.testnet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times {@code coop audit} of a node, in a JVM of its own (the same classes as the command line,
 * started through {@link AuditRun}): wall time, the audit process's CPU time and its peak resident
 * memory.
 */
final class AuditBench {
  private static final Pattern COST =
      Pattern.compile("AUDIT_COST cpu_ns=(-?\\d+) peak_rss_kb=(-?\\d+)");

  /** One audit: its figures, and a note on a smaller audit run beside it (for the memory trend). */
  record Result(
      long entries, double seconds, double cpuSeconds, double peakRssMb, String smallerRun) {
    double entriesPerSecond() {
      return entries / seconds;
    }

    double entriesPerCpuSecond() {
      return entries / cpuSeconds;
    }

    Result withSmallerRun(Result smaller) {
      return new Result(
          entries,
          seconds,
          cpuSeconds,
          peakRssMb,
          String.format(
              Locale.ROOT,
              "; at %,d entries: %,.0f entries/s, peak RSS %.0f MB",
              smaller.entries(),
              smaller.entriesPerSecond(),
              smaller.peakRssMb()));
    }
  }

  private AuditBench() {}

  /**
   * {@code app/src/main/jvm/audit.options} of the source tree the bench runs in: from the working
   * directory or one of its parents (tests run in a module's directory).
   */
  private static Path auditOptions() {
    Path relative = Path.of("app", "src", "main", "jvm", "audit.options");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException(
        relative
            + " not found from "
            + Path.of("").toAbsolutePath()
            + ": run the bench in the source tree (./bench ingest)");
  }

  /** Audits the node at {@code node} holding {@code entries} entries; prints its progress lines. */
  static Result run(URI node, long entries, Path scratch, PrintStream out) throws IOException {
    Path trust = Files.createTempDirectory(scratch, "trust-");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The options `./coop audit` runs with (its heap cap), so that the peak RSS is what members
    // see.
    command.add("@" + auditOptions());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AuditRun.class.getName());
    command.addAll(List.of("audit", "--node", node.toString(), "--trust-dir", trust.toString()));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    long cpuNanos = -1;
    long rssKb = -1;
    List<String> tail = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        Matcher cost = COST.matcher(line);
        if (cost.find()) {
          cpuNanos = Long.parseLong(cost.group(1));
          rssKb = Long.parseLong(cost.group(2));
        } else {
          tail.add(line);
          if (tail.size() > 20) {
            tail.remove(0);
          }
        }
      }
    }
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while auditing", e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0 || cpuNanos < 0) {
      throw new IllegalStateException(
          "coop audit of " + node + " failed (exit " + exit + "):\n" + String.join("\n", tail));
    }
    out.printf(
        Locale.ROOT,
        "  audited %,d entries in %.1f s (%.1f CPU s), peak RSS %,d MB%n",
        entries,
        seconds,
        cpuNanos / 1e9,
        rssKb / 1024);
    return new Result(entries, seconds, cpuNanos / 1e9, rssKb / 1024.0, "");
  }
}
