package org.coopledger.governance.clause;

import java.math.BigInteger;

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
   * Compares {@code part / whole} with this ratio: negative, zero or positive. {@code whole > 0}.
   */
  int compareTo(BigInteger part, BigInteger whole) {
    return part.multiply(BigInteger.valueOf(denominator))
        .compareTo(whole.multiply(BigInteger.valueOf(numerator)));
  }

  @Override
  public String toString() {
    return denominator == 100 ? numerator + "%" : numerator + "/" + denominator;
  }
}
