package org.coopledger.governance.split;

/**
 * A limited drop (docs/money.md#drops): revenue from {@code drop:<name>} counts units at {@code
 * unitPriceMinor} of {@code currency}, only from {@code saleOpensAtMillis} (inclusive) until {@code
 * saleClosesAtMillis} (exclusive), and never more than {@code supplyCap} in all; {@code sold} is
 * the number sold so far.
 */
public record Drop(
    String name,
    String event,
    long supplyCap,
    long unitPriceMinor,
    String currency,
    long saleOpensAtMillis,
    long saleClosesAtMillis,
    long sold) {

  /** This drop after {@code units} more were sold. */
  public Drop withSold(long units) {
    return new Drop(
        name,
        event,
        supplyCap,
        unitPriceMinor,
        currency,
        saleOpensAtMillis,
        saleClosesAtMillis,
        Math.addExact(sold, units));
  }
}
