package org.coopledger.governance.clause;

/**
 * A fraction between 0 and 1 inclusive, used for vote quorums and approval thresholds. Written
 * either as a percentage ({@code 50%}, kept as 50/100) or as a fraction ({@code 2/3}); a
 * denominator of 100 always prints as a percentage. Comparisons are exact (no floating point).
 */
public record Ratio(int numerator, int denominator) {
  public Ratio {
    if (denominator < 1 || denominator > 1000) {
      throw new IllegalArgumentException(
          "a ratio's denominator is between 1 and 1000, got " + denominator);
    }
    if (numerator < 0 || numerator > denominator) {
      throw new IllegalArgumentException(
          "a ratio is between 0 and 1 (0% to 100%), got " + numerator + "/" + denominator);
    }
  }

  public static Ratio percent(int percent) {
    return new Ratio(percent, 100);
  }

  /**
   * Compares {@code part / whole} with this ratio: negative, zero or positive. {@code part} and
   * {@code whole} are not negative, {@code whole > 0}.
   */
  int compareTo(long part, long whole) {
    // Exact: both products are compared as 128-bit numbers (part and whole are not negative).
    long left = part * denominator;
    long right = whole * numerator;
    int high =
        Long.compare(Math.multiplyHigh(part, denominator), Math.multiplyHigh(whole, numerator));
    return high != 0 ? high : Long.compareUnsigned(left, right);
  }

  @Override
  public String toString() {
    return denominator == 100 ? numerator + "%" : numerator + "/" + denominator;
  }
}
