package org.coopledger.cli.entry;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Money as people type it ({@code 12.50 EUR}) and as the ledger keeps it (integer minor units,
 * {@code 1250}). The number of decimals is the currency's ISO 4217 minor unit (2 for EUR, 0 for
 * JPY), and 2 for codes ISO does not know. Never rounds: too many decimals is an error.
 */
public final class Amounts {
  private Amounts() {}

  /**
   * {@code amount} (e.g. {@code 12.50}) in minor units of {@code currency}.
   *
   * @throws IllegalArgumentException if it is not a positive amount the currency can express
   */
  public static long parse(String amount, String currency) {
    int digits = digits(currency);
    BigDecimal value;
    try {
      value = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + amount + "' is not an amount; write it like " + example(digits));
    }
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("an amount must be positive, got " + amount);
    }
    if (value.stripTrailingZeros().scale() > digits) {
      throw new IllegalArgumentException(
          currency + " has " + digits + " decimals; '" + amount + "' has more");
    }
    try {
      return value.movePointRight(digits).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the amount " + amount + " is too large");
    }
  }

  /** Minor units as a decimal amount, e.g. {@code 1250 EUR -> "12.50"}. */
  public static String format(long minor, String currency) {
    return BigDecimal.valueOf(minor, digits(currency)).toPlainString();
  }

  static int digits(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 0 : digits;
    } catch (IllegalArgumentException | NullPointerException e) {
      return 2;
    }
  }

  private static String example(int digits) {
    return digits == 0 ? "1250" : "12.5" + "0".repeat(digits - 1);
  }
}
