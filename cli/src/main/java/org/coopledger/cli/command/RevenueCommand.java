package org.coopledger.cli.command;

import org.coopledger.cli.CliContext;
import org.coopledger.cli.entry.Amounts;
import org.coopledger.governance.action.RecordRevenue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coop revenue AMOUNT CURRENCY --source SOURCE}: money that came in, split at once. */
@Command(
    name = "revenue",
    description = "Record revenue; it is divided over the split in force, to the cent.")
public final class RevenueCommand implements Runnable {
  private final CliContext context;
  @Mixin EntryOptions entry;

  @Parameters(
      index = "0",
      paramLabel = "AMOUNT",
      description = "in the currency's units, e.g. 100.00")
  String amount;

  @Parameters(index = "1", paramLabel = "CURRENCY", description = "e.g. EUR")
  String currency;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "SOURCE",
      description = "subscription, sponsorship, workshop or drop:NAME")
  String source;

  @Option(
      names = "--units",
      paramLabel = "N",
      description = "units sold, for a defined drop's sales (amount = units x its price)")
  long units;

  @Option(names = "--reference", paramLabel = "TEXT", description = "e.g. an invoice number")
  String reference = "";

  RevenueCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    new Publisher(context, entry)
        .publish(
            new RecordRevenue(Amounts.parse(amount, currency), currency, source, reference, units));
  }
}
