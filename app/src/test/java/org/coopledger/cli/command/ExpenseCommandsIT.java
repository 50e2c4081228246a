package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopledger.cli.command.FoundedCoop.ok;
import static org.coopledger.cli.command.FoundedCoop.rejected;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.output.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An expense through the {@code coop} commands against a real node (docs/money.md#expenses): cat
 * paid the print shop for posters and claims it back from the promotion pool, with the invoice's
 * SHA-256 on the ledger; the two treasurers approve and the pool's money moves to cat's balance.
 */
class ExpenseCommandsIT {
  @TempDir static Path dir;
  private static FoundedCoop founded;
  private static CoopRunner coop;

  @BeforeAll
  static void start() throws IOException {
    founded = FoundedCoop.found(dir, "ebb", "Ebb", "expense: 2 of role(treasurer)");
    coop = founded.coop;
    // drop:summer: half to cat, half to the promotion pool; 100.00 EUR of sales.
    String split =
        founded.quiet(
            "propose",
            "split",
            "--name",
            "drop:summer",
            "--share",
            "cat=5000",
            "--share",
            "pool:promotion=5000",
            "--key",
            founded.key("ann"));
    founded.carry(split, "cat");
    String route =
        founded.quiet(
            "propose",
            "route",
            "--source",
            "drop:summer",
            "--split",
            "drop:summer",
            "--key",
            founded.key("ann"));
    founded.carry(route, "ann", "ben", "cat");
    ok(
        coop.run(
            "revenue", "100.00", "EUR", "--source", "drop:summer", "--key", founded.key("ben")));
  }

  @AfterAll
  static void stop() {
    founded.close();
  }

  @Test
  void catIsReimbursedFromThePromotionPoolWithTheInvoicesHashOnTheLedger() throws Exception {
    Path invoice = dir.resolve("invoice-17.txt");
    Files.writeString(invoice, "Print shop, invoice 17: 200 posters, 42.50 EUR");
    String sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(invoice)));
    long cat = founded.balance("cat");

    String[] claim = {
      "propose",
      "expense",
      "--amount",
      "42.50",
      "--currency",
      "EUR",
      "--receipt",
      invoice.toString(),
      "--from",
      "pool:promotion",
      "--key",
      founded.key("cat")
    };
    String expense = founded.quiet(claim);
    JsonNode details =
        Json.MAPPER
            .readTree(ok(coop.run("show", "proposal", expense, "--json")).out())
            .findValue("details");
    assertThat(details.path("receiptSha256").asText()).isEqualTo(sha256);
    founded.approve(expense, "ann", "ben");
    ok(coop.run("execute", expense, "--key", founded.key("ann")));

    assertThat(founded.balance("cat") - cat).isEqualTo(4250);
    assertThat(founded.balance("pool:promotion")).isEqualTo(5000 - 4250);
    // The pool no longer covers a second claim of the same size.
    rejected(coop.run(claim), "INSUFFICIENT_BALANCE");
    assertThat(ok(coop.run("audit")).out()).contains("audit passed");
  }
}
