package org.coopledger.testnet.load;

import java.util.Arrays;

/**
 * Recorded latencies (nanoseconds) and exact percentiles over all of them: nearest-rank on the
 * sorted values, no buckets and no sampling. Immutable.
 */
public final class Latencies {
  private final long[] sorted;

  private Latencies(long[] sorted) {
    this.sorted = sorted;
  }

  /** Latencies from {@code nanos} (copied). */
  public static Latencies of(long[] nanos) {
    long[] copy = nanos.clone();
    Arrays.sort(copy);
    return new Latencies(copy);
  }

  public int count() {
    return sorted.length;
  }

  /**
   * The smallest recorded value such that at least {@code percent}% of all values are at most it
   * (nearest rank). NaN if nothing was recorded.
   *
   * @param percent in (0, 100]
   */
  public double percentileMillis(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("a percentile is in (0, 100], got " + percent);
    }
    if (sorted.length == 0) {
      return Double.NaN;
    }
    // Integer arithmetic in millionths of a percent: 99.9% of 1000 must be rank 999, and the
    // double product 99.9 * 1000 / 100 is a hair above 999.
    long millionths = Math.round(percent * 1_000_000);
    long rank = (millionths * sorted.length + 99_999_999) / 100_000_000;
    return sorted[(int) Math.max(rank, 1) - 1] / 1e6;
  }

  public double maxMillis() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
  }

  public double meanMillis() {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (long value : sorted) {
      sum += value;
    }
    return sum / sorted.length / 1e6;
  }
}
