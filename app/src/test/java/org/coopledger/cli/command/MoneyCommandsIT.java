package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.output.Json;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named splits and routes through the {@code coop} commands against a real node (docs/money.md):
 * the summer drop gets its own split, a member's attempt to route it to himself stays stuck until
 * the drop's creators approve, and {@code coop audit} replays it all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoneyCommandsIT {
  @TempDir static Path dir;
  private static CoopNode node;
  private static CoopRunner coop;

  @BeforeAll
  static void start() {
    node =
        CoopNode.start(
            NodeConfig.defaults().withDataDir(dir.resolve("data")).withPort(0).withCoopId("tide"));
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
    String draft = dir.resolve("genesis.json").toString();
    ok(
        coop.run(
            "genesis",
            "--name",
            "Tide",
            "--coop",
            "tide",
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
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @Order(1)
  void aDropGetsItsOwnSplitAndRouteAndItsRevenueGoesThere() throws IOException {
    String split =
        quiet(
            "propose",
            "split",
            "--name",
            "drop:summer",
            "--share",
            "ann=5000",
            "--share",
            "cat=5000",
            "--title",
            "Summer drop",
            "--key",
            key("ann"));
    approve(split, "ann", "cat");
    carry(split);
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
    approve(route, "ann", "ben", "cat");
    carry(route);

    ok(coop.run("revenue", "100.00", "EUR", "--source", "drop:summer", "--key", key("ben")));

    assertThat(balance("ann")).isEqualTo(5000);
    assertThat(balance("cat")).isEqualTo(5000);
    assertThat(balance("ben")).isZero();
    assertThat(ok(coop.run("show", "money")).out())
        .contains("split drop:summer v1")
        .contains("route drop:summer -> split drop:summer");
  }

  @Test
  @Order(2)
  void benCannotRouteTheDropToHimselfWithoutTheDropsCreators() throws IOException {
    String mine =
        quiet("propose", "split", "--name", "ben", "--share", "ben=10000", "--key", key("ben"));
    approve(mine, "ben");
    carry(mine);
    String grab =
        quiet("propose", "route", "--source", "drop:summer", "--split", "ben", "--key", key("ben"));
    approve(grab, "ben");
    vote(grab);

    CoopRunner.Result stuck = coop.run("execute", grab, "--key", key("ben"));

    assertThat(stuck.exitCode()).as(stuck.err()).isEqualTo(ExitCode.REJECTED);
    assertThat(stuck.err()).contains("CLAUSE_NOT_MET");
    ok(coop.run("revenue", "10.00", "EUR", "--source", "drop:summer", "--key", key("ben")));
    assertThat(balance("ben")).isZero();
  }

  @Test
  @Order(3)
  void aRouteToASplitNobodyAdoptedIsRejectedAndTheAuditReplaysEverything() {
    CoopRunner.Result unknown =
        coop.run(
            "propose", "route", "--source", "workshop", "--split", "nope", "--key", key("ann"));

    assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(ExitCode.REJECTED);
    assertThat(unknown.err()).contains("UNKNOWN_SPLIT");
    assertThat(ok(coop.run("audit")).out()).contains("audit passed");
  }

  @Test
  @Order(4)
  void aReleaseSplitFirstRepaysThePromotionFundThenDividesTheRest() throws IOException {
    String split =
        quiet(
            "propose",
            "split",
            "--name",
            "release",
            "--share",
            "ann=5000",
            "--share",
            "cat=5000",
            "--recoup",
            "pool:promotion=5.00:EUR:posters",
            "--key",
            key("ann"));
    approve(split, "ann", "cat");
    carry(split);
    String route =
        quiet(
            "propose", "route", "--source", "workshop", "--split", "release", "--key", key("ann"));
    approve(route, "ann", "ben", "cat");
    carry(route);
    long ann = balance("ann");

    ok(coop.run("revenue", "3.00", "EUR", "--source", "workshop", "--key", key("ben")));
    assertThat(ok(coop.run("show", "money")).out())
        .contains("recoup release v1: pool:promotion 5.00 EUR (posters), still owed 2.00");
    // 5.00 more: 2.00 end the tranche, 3.00 are divided.
    ok(coop.run("revenue", "5.00", "EUR", "--source", "workshop", "--key", key("ben")));

    assertThat(balance("pool:promotion")).isEqualTo(500);
    assertThat(balance("ann") - ann).isEqualTo(150);
    assertThat(ok(coop.run("show", "money")).out()).contains("still owed 0.00");
    assertThat(ok(coop.run("audit")).out()).contains("audit passed");
  }

  @Test
  @Order(5)
  void withoutAnExpenseClauseNobodyIsReimbursedFromThePool() throws IOException {
    Path invoice = dir.resolve("invoice.txt");
    java.nio.file.Files.writeString(invoice, "Print shop, invoice 17: posters, 3.00 EUR");
    long pool = balance("pool:promotion");

    CoopRunner.Result refused =
        coop.run(
            "propose",
            "expense",
            "--amount",
            "3.00",
            "--currency",
            "EUR",
            "--receipt",
            invoice.toString(),
            "--from",
            "pool:promotion",
            "--key",
            key("cat"));

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCode.REJECTED);
    assertThat(refused.err()).contains("NOT_ALLOWED");
    assertThat(balance("pool:promotion")).isEqualTo(pool);
  }

  private static void approve(String id, String... names) {
    for (String name : names) {
      ok(coop.run("approve", id, "--key", key(name)));
    }
  }

  private static void vote(String id) {
    for (String name : new String[] {"ann", "ben", "cat"}) {
      ok(coop.run("vote", id, "yes", "--key", key(name)));
    }
  }

  private static void carry(String id) {
    vote(id);
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
