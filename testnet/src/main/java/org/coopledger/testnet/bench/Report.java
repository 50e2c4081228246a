package org.coopledger.testnet.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import org.coopledger.testnet.load.Latencies;
import org.coopledger.testnet.load.LoadResult;

/** The ingest benchmark's readable summary and its last, machine-readable line. */
final class Report {
  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void header() {
    int cpus = Runtime.getRuntime().availableProcessors();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    out.printf(
        Locale.ROOT,
        "coop bench: %d CPUs, load average %.1f, Java %s%n",
        cpus,
        load,
        Runtime.version());
    if (load > cpus) {
      out.println(
          "warning: the machine is busy (load above the CPU count); wall-clock rates will be low,"
              + " the per-CPU-second figures are the better guide");
    }
  }

  void summary(
      IngestBench.Ingest ingest,
      Rate verify1,
      Rate verifyBefore,
      Rate verifyAfter,
      ProofBench.Result proofs,
      String proofsWhere,
      AuditBench.Result audit) {
    // The verify rate is measured just before and just after the load; on a shared machine the
    // mean of the two is the fairest denominator.
    double verifyPerSecond = (verifyBefore.perSecond() + verifyAfter.perSecond()) / 2;
    double verifyPerCpuSecond = (verifyBefore.perCpuSecond() + verifyAfter.perCpuSecond()) / 2;
    out.println();
    out.printf(
        Locale.ROOT,
        "node %s, %d members, %s over HTTP/1.1%n",
        ingest.node(),
        ingest.members(),
        ingest.format());
    for (String warmup : ingest.warmups()) {
      out.println("  " + warmup);
    }
    out.printf(
        Locale.ROOT,
        "  Ed25519 verify/s  %,.0f on %d threads (%,.0f before, %,.0f after the load), %,.0f on 1"
            + " thread; %,.0f per CPU second%n",
        verifyPerSecond,
        verifyBefore.threads(),
        verifyBefore.perSecond(),
        verifyAfter.perSecond(),
        verify1.perSecond(),
        verifyPerCpuSecond);
    Figures batch =
        mode(
            ingest.batch(),
            String.format(
                Locale.ROOT,
                "batch mode: POST /v1/entries:batch, %,d entries per request, %d in flight",
                ingest.batchSize(),
                ingest.batchStreams()),
            verifyPerSecond,
            verifyPerCpuSecond);
    Figures single =
        mode(
            ingest.single(),
            String.format(
                Locale.ROOT,
                "single-entry mode: POST /v1/entries, up to %d in flight",
                Math.min(ingest.members(), ingest.concurrency())),
            verifyPerSecond,
            verifyPerCpuSecond);
    double openP99 = Double.NaN;
    int openFailed = 0;
    if (ingest.openLoop() != null) {
      LoadResult o = ingest.openLoop();
      Latencies l = o.latencies();
      openP99 = l.percentileMillis(99);
      openFailed = o.failed();
      out.printf(
          Locale.ROOT,
          "open loop: %,d entries/s offered for %.1f s, one per request (latency from when each"
              + " was due)%n",
          ingest.openLoopRate(),
          o.elapsed().toNanos() / 1e9);
      out.printf(
          Locale.ROOT,
          "  acknowledged      %,d of %,d%s%n",
          o.accepted(),
          o.submitted(),
          o.failed() == 0 ? "" : "  FAILED: " + o.failures() + " e.g. " + o.firstMessages());
      out.printf(
          Locale.ROOT,
          "  ack latency ms    p50 %.2f  p99 %.2f  p999 %.2f  max %.2f (goal p99 <= 20)%n",
          l.percentileMillis(50),
          l.percentileMillis(99),
          l.percentileMillis(99.9),
          l.maxMillis());
    }
    out.printf(
        Locale.ROOT,
        "proofs at %,d entries (%s), one request at a time:%n",
        proofs.treeSize(),
        proofsWhere);
    proofLine("inclusion", proofs.inclusion());
    proofLine("consistency", proofs.consistency());
    double auditPerSecond = Double.NaN;
    double auditRatioCpu = Double.NaN;
    double auditRss = Double.NaN;
    if (audit != null) {
      auditPerSecond = audit.entriesPerSecond();
      auditRatioCpu = audit.entriesPerCpuSecond() / verifyPerCpuSecond;
      auditRss = audit.peakRssMb();
      out.printf(
          Locale.ROOT,
          "audit (coop audit in its own JVM) of %,d entries: %.1f s, %,.0f entries/s, %,.0f per"
              + " CPU second = %.3f of the verify rate per CPU second (goal >= 0.8), peak RSS %.0f"
              + " MB%s%n",
          audit.entries(),
          audit.seconds(),
          auditPerSecond,
          audit.entriesPerCpuSecond(),
          auditRatioCpu,
          auditRss,
          audit.smallerRun());
    }
    LoadResult r = ingest.batch().result();
    Latencies l = r.latencies();
    out.printf(
        Locale.ROOT,
        "RESULT ingest_per_s=%.0f verify_per_s=%.0f ratio=%.3f p50_ms=%.2f p99_ms=%.2f"
            + " p999_ms=%.2f proof_p99_ms=%.2f proof_tree_size=%d inclusion_p99_ms=%.2f"
            + " consistency_p99_ms=%.2f entries=%d failed=%d verify_per_cpu_s=%.0f"
            + " ratio_cpu=%.3f single_per_s=%.0f single_ratio_cpu=%.3f single_p99_ms=%.2f"
            + " open_loop_p99_ms=%.2f open_loop_failed=%d audit_per_s=%.0f audit_ratio_cpu=%.3f"
            + " audit_rss_mb=%.0f%n",
        batch.perSecond(),
        verifyPerSecond,
        batch.perSecond() / verifyPerSecond,
        l.percentileMillis(50),
        l.percentileMillis(99),
        l.percentileMillis(99.9),
        proofs.p99Millis(),
        proofs.treeSize(),
        proofs.inclusion().percentileMillis(99),
        proofs.consistency().percentileMillis(99),
        r.submitted(),
        r.failed() + ingest.single().result().failed(),
        verifyPerCpuSecond,
        batch.ratioCpu(),
        single.perSecond(),
        single.ratioCpu(),
        ingest.single().result().latencies().percentileMillis(99),
        openP99,
        openFailed,
        auditPerSecond,
        auditRatioCpu,
        auditRss);
  }

  private record Figures(double perSecond, double ratioCpu) {}

  private Figures mode(
      IngestBench.Measured m, String title, double verifyPerSecond, double verifyPerCpuSecond) {
    LoadResult r = m.result();
    Latencies l = r.latencies();
    double perSecond = r.acceptedPerSecond();
    out.println(title);
    out.printf(
        Locale.ROOT,
        "  acknowledged      %,d of %,d in %.2f s%s%n",
        r.accepted(),
        r.submitted(),
        r.elapsed().toNanos() / 1e9,
        r.failed() == 0 ? "" : "  FAILED: " + r.failures() + " e.g. " + r.firstMessages());
    out.printf(
        Locale.ROOT,
        "  entries/s         %,.0f = %.3f of the verify rate (goal >= 0.8 in batch mode)%n",
        perSecond,
        perSecond / verifyPerSecond);
    if (!Double.isNaN(m.entriesPerBatch())) {
      out.printf(
          Locale.ROOT,
          "  group commit      %.1f entries per Raft log entry on average%n",
          m.entriesPerBatch());
    }
    out.printf(
        Locale.ROOT,
        "  ack latency ms    p50 %.2f  p99 %.2f  p999 %.2f  max %.2f  mean %.2f (per request)%n",
        l.percentileMillis(50),
        l.percentileMillis(99),
        l.percentileMillis(99.9),
        l.maxMillis(),
        l.meanMillis());
    double ratioCpu = Double.NaN;
    if (m.nodeCpu() != null) {
      double nodeCpuSeconds = m.nodeCpu().toNanos() / 1e9;
      double perNodeCpuSecond = r.accepted() / nodeCpuSeconds;
      ratioCpu = perNodeCpuSecond / verifyPerCpuSecond;
      out.printf(
          Locale.ROOT,
          "  per CPU second    node %,.0f entries (%.1f CPU s, %.0f µs each), verify %,.0f:"
              + " ratio %.3f; the HTTP client used %.1f CPU s more%n",
          perNodeCpuSecond,
          nodeCpuSeconds,
          nodeCpuSeconds * 1e6 / r.accepted(),
          verifyPerCpuSecond,
          ratioCpu,
          r.clientCpu().toNanos() / 1e9);
    }
    if (!m.cpuByThreads().isEmpty()) {
      out.println(
          "  CPU by thread (platform threads; HTTP handlers run on the ForkJoinPool carriers):");
      m.cpuByThreads().entrySet().stream()
          .limit(10)
          .forEach(
              e ->
                  out.printf(
                      Locale.ROOT,
                      "    %-40s %6.2f s  %6.0f µs per entry%n",
                      e.getKey(),
                      e.getValue().toNanos() / 1e9,
                      e.getValue().toNanos() / 1e3 / Math.max(1, r.accepted())));
      long threads = m.cpuByThreads().values().stream().mapToLong(Duration::toNanos).sum();
      long other = m.nodeCpu().toNanos() + r.clientCpu().toNanos() - threads;
      out.printf(
          Locale.ROOT,
          "    %-40s %6.2f s  %6.0f µs per entry%n",
          "(JIT compilers, GC, ended threads)",
          other / 1e9,
          other / 1e3 / Math.max(1, r.accepted()));
      out.printf(
          Locale.ROOT,
          "      the JVM reports %.2f s of JIT compilation (elapsed) and %.2f s of GC%n",
          m.compiling().toNanos() / 1e9,
          m.collecting().toNanos() / 1e9);
    }
    return new Figures(perSecond, ratioCpu);
  }

  private void proofLine(String kind, Latencies latencies) {
    out.printf(
        Locale.ROOT,
        "  %-17s p50 %.2f  p99 %.2f  p999 %.2f  max %.2f ms (%,d samples)%n",
        kind,
        latencies.percentileMillis(50),
        latencies.percentileMillis(99),
        latencies.percentileMillis(99.9),
        latencies.maxMillis(),
        latencies.count());
  }

  /** CPU time of this whole process so far (all threads, JIT and GC included). */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
