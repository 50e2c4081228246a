package org.coopledger.governance.clause;

import java.time.Duration;
import java.time.Instant;

/** Instant arithmetic that saturates instead of throwing near the ends of time. */
final class Times {
  private Times() {}

  static Instant plus(Instant at, Duration duration) {
    try {
      return at.plus(duration);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Instant.MAX;
    }
  }

  static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
