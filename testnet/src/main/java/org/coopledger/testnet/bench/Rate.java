package org.coopledger.testnet.bench;

import java.time.Duration;

/** How many operations ran in how much wall-clock time, on how many threads. */
public record Rate(long operations, Duration elapsed, int threads) {
  public Rate {
    if (operations < 0 || elapsed.isNegative() || elapsed.isZero() || threads < 1) {
      throw new IllegalArgumentException(
          "a rate needs operations >= 0, a positive duration and threads >= 1");
    }
  }

  /** Operations per second over all threads. */
  public double perSecond() {
    return operations / (elapsed.toNanos() / 1e9);
  }
}
