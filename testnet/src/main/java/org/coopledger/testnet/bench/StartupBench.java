package org.coopledger.testnet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coopledger.node.FreePorts;

/**
 * How long {@code ./coop} takes to answer, measured as a member meets it: whole processes started
 * from the checkout's launcher against a local demo node ({@code ./coop node --demo}, started here
 * on a free port with a temporary data directory). It times {@code coop show members}, {@code coop
 * vote PREFIX yes --key alice.pem} and {@code coop show proposal PREFIX}, interleaved with a bare
 * {@code java -version} of the same JDK (the yardstick: what any JVM costs on this machine at this
 * moment), and the same {@code show members} run as the launcher's own {@code java} command line,
 * whose difference is the launcher's overhead. Medians of wall time and of CPU time (the children's
 * user + system time, from /proc on Linux), and each median's ratio to {@code java -version}'s.
 *
 * <p>Usage: {@code StartupBench [--runs N]} (default 10 per command, after one warm-up each), run
 * from the checkout's root ({@code ./bench startup}). The last line is {@code RESULT key=value
 * ...}.
 */
public final class StartupBench {
  private static final String READY = "The demo co-op is ready.";
  private static final long TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc's child times

  private final Path root;
  private final PrintStream out;

  private StartupBench(Path root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    int runs = 10;
    if (args.length == 2 && args[0].equals("--runs")) {
      runs = Integer.parseInt(args[1]);
    } else if (args.length != 0) {
      System.err.println("usage: ./bench startup [--runs N]");
      System.exit(2);
    }
    new StartupBench(Path.of("").toAbsolutePath(), System.out).run(runs);
  }

  private void run(int runs) throws Exception {
    Path data = Files.createTempDirectory("coop-startup-bench");
    int port = FreePorts.pick();
    String url = "http://127.0.0.1:" + port;
    Path nodeLog = data.resolve("node.log");
    out.printf(Locale.ROOT, "startup bench: starting a demo node at %s ...%n", url);
    Process node =
        new ProcessBuilder(
                "./coop",
                "node",
                "--demo",
                "--port",
                Integer.toString(port),
                "--data",
                data.resolve("coop-data").toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(nodeLog.toFile())
            .start();
    try {
      awaitLine(nodeLog, node, Duration.ofMinutes(5));
      String key = data.resolve("coop-data/keys/alice.pem").toString();
      Map<String, String> env = Map.of("COOP_NODE", url);
      String proposal =
          capture(
                  env,
                  "./coop",
                  "propose",
                  "decision",
                  "--title",
                  "start-up bench",
                  "--key",
                  key,
                  "--quiet")
              .strip()
              .substring(0, 12);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> launcher = launcherCommand(env);
      Map<String, List<String>> commands = new LinkedHashMap<>();
      commands.put("java -version", List.of(java, "-version"));
      commands.put("coop show members", List.of("./coop", "show", "members"));
      commands.put("coop vote", List.of("./coop", "vote", proposal, "yes", "--key", key));
      commands.put("coop show proposal", List.of("./coop", "show", "proposal", proposal));
      commands.put("java -jar (same command)", launcher);
      double loadBefore = load();
      out.printf(
          Locale.ROOT,
          "timing %d runs of each command, interleaved, after one warm-up (load average %.1f,"
              + " %d CPUs) ...%n",
          runs,
          loadBefore,
          Runtime.getRuntime().availableProcessors());
      Map<String, List<Sample>> samples = new LinkedHashMap<>();
      commands.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
      for (int i = -1; i < runs; i++) {
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
          Sample sample = time(env, command.getValue());
          if (i >= 0) {
            samples.get(command.getKey()).add(sample);
          }
        }
      }
      report(samples, loadBefore, load());
    } finally {
      node.destroy();
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
      deleteTree(data);
    }
  }

  private void report(Map<String, List<Sample>> samples, double loadBefore, double loadAfter) {
    double baseWall = median(samples.get("java -version"), true);
    double baseCpu = median(samples.get("java -version"), false);
    out.println();
    out.printf(
        Locale.ROOT,
        "%-26s %12s %12s %16s %15s%n",
        "",
        "median wall",
        "median CPU",
        "wall/java -ver",
        "CPU/java -ver");
    Map<String, Double> walls = new LinkedHashMap<>();
    for (Map.Entry<String, List<Sample>> entry : samples.entrySet()) {
      double wall = median(entry.getValue(), true);
      double cpu = median(entry.getValue(), false);
      walls.put(entry.getKey(), wall);
      out.printf(
          Locale.ROOT,
          "%-26s %10.3f s %10.3f s %16.2f %15.2f%n",
          entry.getKey(),
          wall,
          cpu,
          wall / baseWall,
          cpu / baseCpu);
    }
    double launcherMs =
        (walls.get("coop show members") - walls.get("java -jar (same command)")) * 1000;
    out.printf(
        Locale.ROOT,
        "launcher overhead (coop show members minus the same java command): %.0f ms;"
            + " load average %.1f before, %.1f after%n",
        launcherMs,
        loadBefore,
        loadAfter);
    out.printf(
        Locale.ROOT,
        "RESULT java_version_s=%.3f show_members_s=%.3f vote_s=%.3f show_proposal_s=%.3f"
            + " ratio_show_members=%.2f ratio_vote=%.2f ratio_show_proposal=%.2f"
            + " launcher_ms=%.0f load=%.1f%n",
        baseWall,
        walls.get("coop show members"),
        walls.get("coop vote"),
        walls.get("coop show proposal"),
        walls.get("coop show members") / baseWall,
        walls.get("coop vote") / baseWall,
        walls.get("coop show proposal") / baseWall,
        launcherMs,
        (loadBefore + loadAfter) / 2);
  }

  /** The java command line {@code ./coop show members} runs (the launcher prints it). */
  private List<String> launcherCommand(Map<String, String> env) throws Exception {
    Map<String, String> print = new LinkedHashMap<>(env);
    print.put("COOP_PRINT_JAVA", "1");
    String lines = capture(print, "./coop", "show", "members");
    return List.of(lines.strip().split("\n"));
  }

  private record Sample(double wallSeconds, double cpuSeconds) {}

  private Sample time(Map<String, String> env, List<String> command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    long cpuBefore = childrenCpuTicks();
    long start = System.nanoTime();
    Process process = builder.start();
    int code = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (childrenCpuTicks() - cpuBefore) / (double) TICKS_PER_SECOND;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
    }
    return new Sample(wall, cpu);
  }

  private String capture(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    Process process = builder.start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
    }
    return text;
  }

  /**
   * User + system time of this process's finished, waited-for children (fields 16 and 17 of
   * /proc/self/stat), or 0 where there is no /proc.
   */
  private static long childrenCpuTicks() throws IOException {
    Path stat = Path.of("/proc/self/stat");
    if (!Files.exists(stat)) {
      return 0;
    }
    String text = Files.readString(stat);
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
  }

  private static double median(List<Sample> samples, boolean wall) {
    double[] values =
        samples.stream().mapToDouble(s -> wall ? s.wallSeconds() : s.cpuSeconds()).toArray();
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void awaitLine(Path log, Process node, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(READY)) {
        return;
      }
      if (!node.isAlive()) {
        throw new IllegalStateException("the demo node stopped:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the demo node was not ready within " + timeout);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
