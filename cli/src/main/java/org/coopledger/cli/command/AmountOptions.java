package org.coopledger.cli.command;

import org.coopledger.cli.entry.Amounts;
import picocli.CommandLine.Option;

/** {@code --amount} and {@code --currency}: a sum of money as people type it. */
final class AmountOptions {
  @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "e.g. 12.50")
  String amount;

  @Option(names = "--currency", required = true, paramLabel = "CODE", description = "e.g. EUR")
  String currency;

  /**
   * The amount in minor units of the currency.
   *
   * @throws IllegalArgumentException as {@link Amounts#parse} does
   */
  long minorUnits() {
    return Amounts.parse(amount, currency);
  }
}
