package org.coopledger.testnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time per group of platform threads between two snapshots: where an in-process node spends its
 * CPU (HTTP handlers run on virtual threads, which show up as their carrier threads). Threads that
 * start and end between the snapshots are not counted.
 */
final class ThreadCpu {
  private static final Pattern NUMBERS = Pattern.compile("-?\\d+");
  private static final Pattern RAFT_PREFIX = Pattern.compile("^[^@]+@group-[0-9A-F]+-");

  private final Map<Long, Long> start;
  private final long compileMillis;
  private final long gcMillis;

  private ThreadCpu(Map<Long, Long> start, long compileMillis, long gcMillis) {
    this.start = start;
    this.compileMillis = compileMillis;
    this.gcMillis = gcMillis;
  }

  static ThreadCpu snapshot() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      cpu.put(id, threads.getThreadCpuTime(id));
    }
    return new ThreadCpu(cpu, compileMillis(), gcMillis());
  }

  /** Time the JIT compilers spent compiling since the snapshot (their threads are not listed). */
  Duration compilingSince() {
    return Duration.ofMillis(compileMillis() - compileMillis);
  }

  /** Time spent in garbage collections since the snapshot, as the collectors report it. */
  Duration collectingSince() {
    return Duration.ofMillis(gcMillis() - gcMillis);
  }

  private static long compileMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }

  private static long gcMillis() {
    long total = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** CPU time since the snapshot per thread group, largest first. */
  Map<String, Duration> sinceByGroup() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> groups = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long now = threads.getThreadCpuTime(info.getThreadId());
      long before = start.getOrDefault(info.getThreadId(), 0L);
      if (now > before && before >= 0) {
        groups.merge(group(info.getThreadName()), now - before, Long::sum);
      }
    }
    Map<String, Duration> sorted = new LinkedHashMap<>();
    groups.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), Duration.ofNanos(e.getValue())));
    return sorted;
  }

  /**
   * "node-1@group-8D60-StateMachineUpdater" -> "StateMachineUpdater", "pool-3-thread-2" ->
   * "pool-thread".
   */
  static String group(String name) {
    String withoutGroup = RAFT_PREFIX.matcher(name).replaceFirst("raft-");
    String collapsed = NUMBERS.matcher(withoutGroup).replaceAll("");
    return collapsed.isEmpty() ? name : collapsed;
  }
}
