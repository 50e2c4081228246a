package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
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
  private static CoopNode node;
  private static CoopRunner coop;

  @BeforeAll
  static void start() throws IOException {
    node =
        CoopNode.start(
            NodeConfig.defaults().withDataDir(dir.resolve("data")).withPort(0).withCoopId("ebb"));
    coop =
        CoopRunner.plain()
            .withEnv(
                Map.of(
                    "COOP_NODE", node.uri().toString(),
                    "COOP_PASSPHRASE", "correct horse",
                    "COOP_TRUST_DIR", dir.resolve("trust").toString()));
    for (String name : new String[] {"ann", "ben", "cat"}) {
      ok(coop.run("key", "new", "--out", key(name), "--name", name));
    }
    Path rulebook = dir.resolve("rulebook.txt");
    Files.writeString(
        rulebook, DefaultRulebook.rulebook().text() + "expense: 2 of role(treasurer)\n");
    String draft = dir.resolve("genesis.json").toString();
    ok(
        coop.run(
            "genesis",
            "--name",
            "Ebb",
            "--coop",
            "ebb",
            "--rulebook",
            rulebook.toString(),
            "--founder",
            key("ann") + ":creator,treasurer",
            "--founder",
            key("ben") + ":creator,treasurer",
            "--founder",
            key("cat") + ":creator",
            "--split",
            "ann=4000",
            "--split",
            "ben=3000",
            "--split",
            "cat=3000",
            "--out",
            draft));
    for (String name : new String[] {"ann", "ben", "cat"}) {
      ok(coop.run("sign", draft, "--key", key(name)));
    }
    ok(coop.run("submit", draft));
    // drop:summer: half to cat, half to the promotion pool; 100.00 EUR of sales.
    String split =
        quiet(
            "propose",
            "split",
            "--name",
            "drop:summer",
            "--share",
            "cat=5000",
            "--share",
            "pool:promotion=5000",
            "--key",
            key("ann"));
    carry(split, "cat");
    String route =
        quiet(
            "propose",
            "route",
            "--source",
            "drop:summer",
            "--split",
            "drop:summer",
            "--key",
            key("ann"));
    carry(route, "ann", "ben", "cat");
    ok(coop.run("revenue", "100.00", "EUR", "--source", "drop:summer", "--key", key("ben")));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void catIsReimbursedFromThePromotionPoolWithTheInvoicesHashOnTheLedger() throws Exception {
    Path invoice = dir.resolve("invoice-17.txt");
    Files.writeString(invoice, "Print shop, invoice 17: 200 posters, 42.50 EUR");
    String sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(invoice)));
    long cat = balance("cat");

    String expense =
        quiet(
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
            key("cat"));
    JsonNode details =
        Json.MAPPER
            .readTree(ok(coop.run("show", "proposal", expense, "--json")).out())
            .findValue("details");
    assertThat(details.path("receiptSha256").asText()).isEqualTo(sha256);
    for (String name : new String[] {"ann", "ben"}) {
      ok(coop.run("approve", expense, "--key", key(name)));
    }
    ok(coop.run("execute", expense, "--key", key("ann")));

    assertThat(balance("cat") - cat).isEqualTo(4250);
    assertThat(balance("pool:promotion")).isEqualTo(5000 - 4250);
    // The pool no longer covers a second claim of the same size.
    CoopRunner.Result again =
        coop.run(
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
            key("cat"));
    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCode.REJECTED);
    assertThat(again.err()).contains("INSUFFICIENT_BALANCE");
    assertThat(ok(coop.run("audit")).out()).contains("audit passed");
  }

  private static void carry(String id, String... approvers) {
    for (String name : approvers) {
      ok(coop.run("approve", id, "--key", key(name)));
    }
    for (String name : new String[] {"ann", "ben", "cat"}) {
      ok(coop.run("vote", id, "yes", "--key", key(name)));
    }
    ok(coop.run("execute", id, "--key", key("ben")));
  }

  private static long balance(String name) throws IOException {
    JsonNode all = Json.MAPPER.readTree(ok(coop.run("show", "balances", "--json")).out());
    for (JsonNode b : all.path("balances")) {
      if (b.path("name").asText().equals(name) && b.path("currency").asText().equals("EUR")) {
        return b.path("amountMinor").asLong();
      }
    }
    return 0;
  }

  private static String quiet(String... args) {
    String[] withQuiet = java.util.Arrays.copyOf(args, args.length + 1);
    withQuiet[args.length] = "--quiet";
    return ok(coop.run(withQuiet)).out().strip();
  }

  private static CoopRunner.Result ok(CoopRunner.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
    return result;
  }

  private static String key(String name) {
    return dir.resolve(name + ".pem").toString();
  }
}
