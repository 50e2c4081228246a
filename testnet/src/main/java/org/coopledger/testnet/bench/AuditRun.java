package org.coopledger.testnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code coop audit} with its own cost: runs the command line's main with the given arguments in
 * this JVM and, as the JVM exits, prints {@code AUDIT_COST cpu_ns=... peak_rss_kb=...} (process CPU
 * time, and the kernel's high-water mark of resident memory). The audit benchmark starts it as a
 * child process so that nothing else shares its memory or CPU figures.
 */
public final class AuditRun {
  private AuditRun() {}

  public static void main(String[] args) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    System.out.printf(
                        Locale.ROOT,
                        "AUDIT_COST cpu_ns=%d peak_rss_kb=%d%n",
                        Report.processCpuNanos(),
                        peakRssKb())));
    System.exit(org.coopledger.cli.Coop.run(org.coopledger.cli.Coop.systemContext(), args));
  }

  private static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: no figure.
    }
    return -1;
  }
}
