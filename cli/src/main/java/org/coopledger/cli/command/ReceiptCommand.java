package org.coopledger.cli.command;

import java.time.Instant;
import java.util.List;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.output.Json;
import org.coopledger.cli.trust.ReceiptJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coop receipt show [INDEX]}: the signed receipts kept when you submitted. */
@Command(
    name = "receipt",
    description = "The signed receipts the node gave for your entries (kept in the trust dir).",
    subcommands = {ReceiptCommand.Show.class})
public final class ReceiptCommand {
  /** {@code coop receipt show}. */
  @Command(
      name = "show",
      description = {
        "Without INDEX: list your receipts. With INDEX: print that receipt as the node signed it",
        "(a C2SP signed note, see docs/checkpoints.md), to show anyone what the node promised."
      })
  public static final class Show implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "INDEX", arity = "0..1", description = "the entry's index")
    Long index;

    @Option(
        names = "--origin",
        paramLabel = "ORIGIN",
        description = "the ledger, when you kept receipts of more than one")
    String origin;

    @Mixin TrustDirOption trust;
    @Mixin JsonOption json;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      List<ReceiptJournal.Kept> kept =
          trust.store(context).receipts().all().stream()
              .filter(k -> origin == null || k.receipt().origin().equals(origin))
              .filter(k -> index == null || k.receipt().index() == index)
              .toList();
      if (index != null && kept.isEmpty()) {
        throw new IllegalArgumentException(
            "no receipt for entry #"
                + index
                + " in "
                + trust.store(context).dir().resolve("receipts"));
      }
      if (index != null && kept.size() > 1) {
        throw new IllegalArgumentException(
            "receipts for entry #" + index + " of several ledgers; choose one with --origin");
      }
      if (json.enabled()) {
        var out = Json.MAPPER.createArrayNode();
        for (ReceiptJournal.Kept k : kept) {
          var one = out.addObject();
          one.put("origin", k.receipt().origin());
          one.put("index", k.receipt().index());
          one.put("leafHash", k.receipt().leafHash().base64());
          one.put("acceptedAtMillis", k.receipt().acceptedAtMillis());
          one.put("entryId", k.entryId());
          one.put("verifierKey", k.verifierKey());
          one.put("receipt", k.text());
        }
        Json.print(context.out(), out);
      } else if (index != null) {
        context.out().print(kept.get(0).text());
        context.out().println("(verifies with " + kept.get(0).verifierKey() + ")");
      } else {
        if (kept.isEmpty()) {
          context.out().println("no receipts kept yet");
        }
        for (ReceiptJournal.Kept k : kept) {
          context
              .out()
              .println(
                  k.receipt().origin()
                      + " #"
                      + k.receipt().index()
                      + "  accepted "
                      + Instant.ofEpochMilli(k.receipt().acceptedAtMillis())
                      + "  entry "
                      + k.entryId());
        }
      }
    }
  }
}
