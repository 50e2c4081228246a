package org.coopledger.cli.command;

import org.coopledger.cli.CliContext;
import org.coopledger.cli.entry.Amounts;
import org.coopledger.governance.action.RecordRevenue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coop revenue AMOUNT CURRENCY --source SOURCE} (or {@code --tier NAME --region REGION
 * [--months N]}): money that came in, split at once.
 */
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
      paramLabel = "SOURCE",
      description = "subscription, sponsorship, workshop or drop:NAME")
  String source;

  @Option(
      names = "--tier",
      paramLabel = "NAME",
      description = "a membership tier's subscriptions: the source subscription:NAME")
  String tier;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "the region of the tier's price list it was paid in (e.g. eu, in)")
  String region = "";

  @Option(
      names = {"--units", "--months"},
      paramLabel = "N",
      description =
          "units sold of a defined drop, or subscriber-months of a tier (default 1 with"
              + " --region); amount = N x the price")
  Long units;

  @Option(names = "--reference", paramLabel = "TEXT", description = "e.g. an invoice number")
  String reference = "";

  RevenueCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    String from = source;
    if (tier != null) {
      from = "subscription:" + tier;
      if (source != null && !source.equals(from)) {
        throw new IllegalArgumentException(
            "--tier " + tier + " is the source " + from + ", not " + source);
      }
    }
    if (from == null) {
      throw new IllegalArgumentException("say where the revenue came from: --source or --tier");
    }
    long n = units != null ? units : region.isEmpty() ? 0 : 1;
    new Publisher(context, entry)
        .publish(
            new RecordRevenue(
                Amounts.parse(amount, currency), currency, from, reference, n, region));
  }
}
