package org.coopledger.testnet.bench;

import java.time.Duration;

/**
 * How many operations ran in how much wall-clock time on how many threads, and how much CPU time
 * those threads got.
 */
public record Rate(long operations, Duration elapsed, int threads, Duration cpuTime) {
  public Rate {
    if (operations < 0 || elapsed.isNegative() || elapsed.isZero() || threads < 1) {
      throw new IllegalArgumentException(
          "a rate needs operations >= 0, a positive duration and threads >= 1");
    }
    if (cpuTime.isNegative()) {
      throw new IllegalArgumentException("CPU time must not be negative");
    }
  }

  /** Operations per wall-clock second over all threads. */
  public double perSecond() {
    return operations / seconds(elapsed);
  }

  /**
   * Operations per second of CPU time the threads actually got: less sensitive than {@link
   * #perSecond} to other processes competing for the cores. NaN if no CPU time was recorded.
   */
  public double perCpuSecond() {
    return cpuTime.isZero() ? Double.NaN : operations / seconds(cpuTime);
  }

  /** The share of the run's cores that the threads got: 1.0 means no competition. */
  public double cpuShare() {
    return seconds(cpuTime) / (seconds(elapsed) * threads);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
