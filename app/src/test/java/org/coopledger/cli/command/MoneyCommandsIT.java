package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopledger.cli.command.FoundedCoop.ok;
import static org.coopledger.cli.command.FoundedCoop.rejected;

import java.io.IOException;
import java.nio.file.Path;
import org.coopledger.cli.CoopRunner;
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
  private static FoundedCoop founded;
  private static CoopRunner coop;

  @BeforeAll
  static void start() {
    founded = FoundedCoop.found(dir, "tide", "Tide");
    coop = founded.coop;
  }

  @AfterAll
  static void stop() {
    founded.close();
  }

  @Test
  @Order(1)
  void aDropGetsItsOwnSplitAndRouteAndItsRevenueGoesThere() throws IOException {
    String split =
        founded.quiet(
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
            founded.key("ann"));
    founded.carry(split, "ann", "cat");
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

    assertThat(founded.balance("ann")).isEqualTo(5000);
    assertThat(founded.balance("cat")).isEqualTo(5000);
    assertThat(founded.balance("ben")).isZero();
    assertThat(ok(coop.run("show", "money")).out())
        .contains("split drop:summer v1")
        .contains("route drop:summer -> split drop:summer");
  }

  @Test
  @Order(2)
  void benCannotRouteTheDropToHimselfWithoutTheDropsCreators() throws IOException {
    String mine =
        founded.quiet(
            "propose",
            "split",
            "--name",
            "ben",
            "--share",
            "ben=10000",
            "--key",
            founded.key("ben"));
    founded.carry(mine, "ben");
    String grab =
        founded.quiet(
            "propose",
            "route",
            "--source",
            "drop:summer",
            "--split",
            "ben",
            "--key",
            founded.key("ben"));
    founded.approve(grab, "ben");
    founded.voteYes(grab);

    CoopRunner.Result stuck = coop.run("execute", grab, "--key", founded.key("ben"));

    rejected(stuck, "CLAUSE_NOT_MET");
    ok(coop.run("revenue", "10.00", "EUR", "--source", "drop:summer", "--key", founded.key("ben")));
    assertThat(founded.balance("ben")).isZero();
  }

  @Test
  @Order(3)
  void aRouteToASplitNobodyAdoptedIsRejectedAndTheAuditReplaysEverything() {
    CoopRunner.Result unknown =
        coop.run(
            "propose",
            "route",
            "--source",
            "workshop",
            "--split",
            "nope",
            "--key",
            founded.key("ann"));

    rejected(unknown, "UNKNOWN_SPLIT");
    assertThat(ok(coop.run("audit")).out()).contains("audit passed");
  }

  @Test
  @Order(4)
  void aReleaseSplitFirstRepaysThePromotionFundThenDividesTheRest() throws IOException {
    String split =
        founded.quiet(
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
            founded.key("ann"));
    founded.carry(split, "ann", "cat");
    String route =
        founded.quiet(
            "propose",
            "route",
            "--source",
            "workshop",
            "--split",
            "release",
            "--key",
            founded.key("ann"));
    founded.carry(route, "ann", "ben", "cat");
    long ann = founded.balance("ann");

    ok(coop.run("revenue", "3.00", "EUR", "--source", "workshop", "--key", founded.key("ben")));
    assertThat(ok(coop.run("show", "money")).out())
        .contains("recoup release v1: pool:promotion 5.00 EUR (posters), still owed 2.00");
    // 5.00 more: 2.00 end the tranche, 3.00 are divided.
    ok(coop.run("revenue", "5.00", "EUR", "--source", "workshop", "--key", founded.key("ben")));

    assertThat(founded.balance("pool:promotion")).isEqualTo(500);
    assertThat(founded.balance("ann") - ann).isEqualTo(150);
    assertThat(ok(coop.run("show", "money")).out()).contains("still owed 0.00");
    assertThat(ok(coop.run("audit")).out()).contains("audit passed");
  }

  @Test
  @Order(5)
  void withoutAnExpenseClauseNobodyIsReimbursedFromThePool() throws IOException {
    Path invoice = dir.resolve("invoice.txt");
    java.nio.file.Files.writeString(invoice, "Print shop, invoice 17: posters, 3.00 EUR");
    long pool = founded.balance("pool:promotion");

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
            founded.key("cat"));

    rejected(refused, "NOT_ALLOWED");
    assertThat(founded.balance("pool:promotion")).isEqualTo(pool);
  }
}
