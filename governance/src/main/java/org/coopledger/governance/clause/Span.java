package org.coopledger.governance.clause;

import java.time.Duration;

/**
 * A duration as written in a clause: a positive whole number and a unit ({@code 30s}, {@code 15m},
 * {@code 48h}, {@code 7d}). The unit is kept so that the canonical text says what its author wrote;
 * {@link #duration()} gives the length.
 */
public record Span(long amount, Unit unit) {
  /** Ten years: long enough for any governance window, short enough to never overflow time. */
  static final Duration MAX = Duration.ofDays(3650);

  /** A time unit of the clause language. */
  public enum Unit {
    SECONDS('s', Duration.ofSeconds(1)),
    MINUTES('m', Duration.ofMinutes(1)),
    HOURS('h', Duration.ofHours(1)),
    DAYS('d', Duration.ofDays(1));

    private final char symbol;
    private final Duration length;

    Unit(char symbol, Duration length) {
      this.symbol = symbol;
      this.length = length;
    }

    /** The letter that follows the number in clause text. */
    public char symbol() {
      return symbol;
    }

    static Unit ofSymbol(char symbol) {
      for (Unit unit : values()) {
        if (unit.symbol == symbol) {
          return unit;
        }
      }
      return null;
    }
  }

  public Span {
    if (unit == null) {
      throw new IllegalArgumentException("a duration needs a unit (s, m, h or d)");
    }
    if (amount < 1 || amount > MAX.dividedBy(unit.length)) {
      throw new IllegalArgumentException(
          "a duration is between 1" + unit.symbol + " and 3650d, got " + amount + unit.symbol);
    }
  }

  /** Shorthand for tests and defaults: {@code Span.of(48, Unit.HOURS)}. */
  public static Span of(long amount, Unit unit) {
    return new Span(amount, unit);
  }

  public Duration duration() {
    return unit.length.multipliedBy(amount);
  }

  @Override
  public String toString() {
    return amount + String.valueOf(unit.symbol);
  }
}
