package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopledger.cli.command.FoundedCoop.ok;
import static org.coopledger.cli.command.FoundedCoop.rejected;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.output.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership tiers through the {@code coop} commands against a real node (docs/money.md#tiers): the
 * co-op votes a supporter tier at 5.00 EUR a month in the eu and 2.00 EUR in India, subscriptions
 * come in from both regions, and revenue at the wrong regional price or in a region the tier is not
 * sold in is refused.
 */
class TierCommandsIT {
  @TempDir static Path dir;
  private static FoundedCoop founded;
  private static CoopRunner coop;

  @BeforeAll
  static void start() throws IOException {
    founded = FoundedCoop.found(dir, "tide", "Tide", "tier: 2 of role(treasurer)");
    coop = founded.coop;
    // subscription:* -> membership, shared by ann and cat (ben gives up his part: he approves).
    founded.carry(
        founded.quiet(
            "propose",
            "split",
            "--name",
            "membership",
            "--share",
            "ann=5000",
            "--share",
            "cat=5000",
            "--key",
            founded.key("ann")),
        "ann",
        "cat");
    founded.carry(
        founded.quiet(
            "propose",
            "route",
            "--source",
            "subscription:*",
            "--split",
            "membership",
            "--key",
            founded.key("ann")),
        "ann",
        "ben",
        "cat");
    String tier =
        founded.quiet(
            "propose",
            "tier",
            "--name",
            "supporter",
            "--price",
            "eu=5.00:EUR",
            "--price",
            "in=2.00:EUR",
            "--key",
            founded.key("cat"));
    founded.approve(tier, "ann", "ben");
    ok(coop.run("execute", tier, "--key", founded.key("ann")));
  }

  @AfterAll
  static void stop() {
    founded.close();
  }

  @Test
  void subscriptionsFromTwoRegionsAtTheirOwnPricesGoToTheMembershipSplit() throws IOException {
    long ann = founded.balance("ann");
    long cat = founded.balance("cat");
    ok(revenueByBen("15.00", "EUR", "--tier", "supporter", "--region", "eu", "--months", "3"));
    ok(revenueByBen("2.00", "EUR", "--tier", "supporter", "--region", "in"));
    assertThat(founded.balance("ann") - ann).isEqualTo(850);
    assertThat(founded.balance("cat") - cat).isEqualTo(850);

    // The Indian price for a European subscription, a region the tier is not sold in.
    rejected(
        revenueByBen("2.00", "EUR", "--tier", "supporter", "--region", "eu"), "PRICE_MISMATCH");
    rejected(
        revenueByBen("5.00", "EUR", "--tier", "supporter", "--region", "us"), "UNKNOWN_REGION");
    rejected(revenueByBen("5.00", "EUR", "--tier", "patron", "--region", "eu"), "UNKNOWN_TIER");

    String money = ok(coop.run("show", "money")).out();
    assertThat(money).contains("tier supporter v1").contains("eu 5.00 EUR, in 2.00 EUR a month");
    assertThat(ok(coop.run("audit")).out()).contains("audit passed");

    // The reports, each recomputed from the audited ledger (--verify) and compared.
    awaitCheckpoint();
    JsonNode byTier =
        Json.MAPPER.readTree(ok(coop.run("report", "revenue", "--by", "tier", "--verify")).out());
    assertThat(byTier.path("rows")).hasSize(1);
    assertThat(byTier.path("rows").get(0).path("key").asText()).isEqualTo("supporter");
    assertThat(byTier.path("rows").get(0).path("entries").asLong()).isEqualTo(2);
    assertThat(byTier.path("totals").get(0).path("amountMinor").asLong()).isEqualTo(1700);
    CoopRunner.Result byRegion = ok(coop.run("report", "revenue", "--by", "region", "--verify"));
    assertThat(byRegion.err()).contains("verified");
    JsonNode regions = Json.MAPPER.readTree(byRegion.out()).path("rows");
    assertThat(regions.get(0).path("key").asText()).isEqualTo("eu");
    assertThat(regions.get(0).path("amountMinor").asLong()).isEqualTo(1500);
    assertThat(regions.get(1).path("key").asText()).isEqualTo("in");
    assertThat(regions.get(1).path("amountMinor").asLong()).isEqualTo(200);
    assertThat(ok(coop.run("report", "revenue", "--by", "region", "--csv")).out())
        .contains("region,currency,entries,amount_minor")
        .contains("in,EUR,1,200");
    JsonNode metrics =
        Json.MAPPER.readTree(ok(coop.run("report", "metrics", "--verify")).out()).path("metrics");
    JsonNode retention = null;
    for (JsonNode m : metrics) {
      if (m.path("name").asText().equals("tier_revenue_retention")) {
        retention = m;
      }
    }
    assertThat(retention).isNotNull();
    assertThat(retention.path("subject").asText()).startsWith("supporter EUR ");
    assertThat(retention.path("value").asLong()).isEqualTo(10_000);
  }

  /** Waits until a checkpoint covers the whole ledger, which --verify audits up to. */
  private static void awaitCheckpoint() {
    var client = org.coopledger.api.client.NodeClient.of(founded.node.uri());
    long size = client.nodeInfo().treeSize();
    for (int i = 0; i < 100 && client.nodeInfo().checkpointSize() < size; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** {@code coop revenue ARGS}, recorded by ben (a treasurer). */
  private static CoopRunner.Result revenueByBen(String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "revenue";
    System.arraycopy(args, 0, command, 1, args.length);
    command[args.length + 1] = "--key";
    command[args.length + 2] = founded.key("ben");
    return coop.run(command);
  }
}
