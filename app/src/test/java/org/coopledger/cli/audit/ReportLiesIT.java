package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RegionPrice;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.split.Account;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A season of a demo co-op on a real node (a drop with its own split that feeds the promotion pool
 * and pays the venue, subscriptions, a pool payout, the venue paid out), and its money reports:
 * what the node serves is what {@code coop report ... --verify} recomputes from the audited ledger,
 * and a report altered on the way (a proxy that lies) fails verification.
 */
class ReportLiesIT {
  private static final Account PROMOTION = new Account(Account.Kind.POOL, "promotion");
  private static final Account VENUE = new Account(Account.Kind.GUEST, "harbour-hall");

  @TempDir static Path dir;
  private static CoopNode node;
  private static NodeClient client;
  private static CoopFixture coop;

  @TempDir Path trustDir;
  private LyingProxy proxy;

  @BeforeAll
  static void recordASeason() throws Exception {
    node =
        CoopNode.start(
            NodeConfig.defaults()
                .withDataDir(dir.resolve("data"))
                .withPort(0)
                .withCheckpoints(1, 50));
    client = NodeClient.of(node.uri());
    coop =
        new CoopFixture(
            node.config().coopId(),
            "Season",
            CoopFixture.DEMO_PEOPLE,
            System.currentTimeMillis() - 90_000);
    submit(
        coop.genesis(
            DefaultRulebook.rulebook().text()
                + "pool-payout: 2 of role(treasurer)\n"
                + "tier: 2 of role(treasurer)\n",
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 3000))));
    carry(
        new Governed.SplitChange(
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("carol"), 4000),
                new Share(PROMOTION.id(), 1000),
                new Share(VENUE.id(), 1000)),
            "drop:summer",
            List.of(PROMOTION, VENUE)));
    carry(new Governed.RouteChange("drop:summer", "drop:summer", false));
    submit(coop.revenue("tess", 250_000, "EUR", "drop:summer"));
    submit(coop.revenue("tess", 1_999, "EUR", "subscription:gold"));
    submit(coop.revenue("tess", 99_999, "EUR", "drop:summer"));
    carry(new Governed.PoolPayout("promotion", 20_000, "EUR", "Print shop", "invoice 17"), false);
    // The supporter tier: 5.00 EUR a month in the eu, 2.00 in India; two months and one.
    carry(
        new Governed.TierChange(
            "supporter",
            List.of(new RegionPrice("eu", 500, "EUR"), new RegionPrice("in", 200, "EUR"))),
        false);
    submit(coop.subscription("tess", 1_000, "EUR", "supporter", "eu", 2));
    submit(coop.subscription("tess", 200, "EUR", "supporter", "in", 1));
    carry(new Governed.Payout(VENUE.id(), 30_000, "EUR", "night fee"), false);
    long size = client.nodeInfo().treeSize();
    for (int i = 0; i < 100 && client.nodeInfo().checkpointSize() < size; i++) {
      Thread.sleep(100);
    }
  }

  /** Proposes, has everyone approve and vote yes, and executes. */
  private static void carry(Governed governed) {
    carry(governed, true);
  }

  /** Proposes, has everyone approve (and vote yes, if the clause has a vote), and executes. */
  private static void carry(Governed governed, boolean vote) {
    byte[] proposal = coop.propose("alice", "season", governed);
    submit(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String name : List.of("alice", "bob", "carol", "tess", "audrey")) {
      submit(coop.approve(name, id));
      if (vote) {
        submit(coop.vote(name, id, VoteChoice.YES));
      }
    }
    submit(coop.execute("audrey", id));
  }

  private static void submit(byte[] entry) {
    client.submit(SignedEntryFile.apiJson(entry));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @BeforeEach
  void startProxy() {
    proxy = LyingProxy.inFrontOf(node.uri().toString());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  @Test
  void theSeasonsReportsAddUpAndVerifyAgainstTheAuditedLedger() throws Exception {
    CoopRunner.Result bySource = report("revenue", "--by", "source", "--verify");
    CoopRunner.Result pools = report("pools", "--verify");
    CoopRunner.Result venue = report("statement", "guest:harbour-hall", "--verify");
    CoopRunner.Result csv = report("revenue", "--by", "month", "--csv");

    for (CoopRunner.Result r : List.of(bySource, pools, venue, csv)) {
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
    }
    JsonNode revenue = Json.MAPPER.readTree(bySource.out());
    assertThat(revenue.path("totals").get(0).path("amountMinor").asLong()).isEqualTo(353_198);
    assertThat(revenue.path("rows").toString())
        .contains("drop:summer")
        .contains("subscription:gold");
    JsonNode pool = Json.MAPPER.readTree(pools.out()).path("pools").get(0);
    // 10 % of 250 000 and of 99 999 (9 999.9: the left-over unit goes by the remainder rule),
    // less the 20 000 paid to the print shop.
    long promotionIn =
        pool.path("movements").get(0).path("amountMinor").asLong()
            + pool.path("movements").get(1).path("amountMinor").asLong();
    assertThat(promotionIn).isBetween(34_999L, 35_000L);
    assertThat(pool.path("balances").get(0).path("amountMinor").asLong())
        .isEqualTo(promotionIn - 20_000);
    assertThat(pool.path("movements").get(2).path("cause").asText()).isEqualTo("pool-payout");
    assertThat(Json.MAPPER.readTree(venue.out()).path("movements")).hasSize(3);
    assertThat(venue.err()).contains("verified");
    assertThat(csv.out())
        .startsWith("# tree_size,")
        .contains("month,currency,entries,amount_minor");
  }

  @Test
  void theSeasonsMetricsAndDropRevenueVerifyAgainstTheAuditedLedger() throws Exception {
    CoopRunner.Result metrics = report("metrics", "--verify");
    CoopRunner.Result byDrop = report("revenue", "--by", "drop", "--verify");
    for (CoopRunner.Result r : List.of(metrics, byDrop)) {
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
    }
    JsonNode figures = Json.MAPPER.readTree(metrics.out()).path("metrics");
    java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
    figures.forEach(m -> byName.put(m.path("name").asText(), m));
    // Five proposals, all alice's, all executed; the split and the route were voted by all five.
    assertThat(byName.get("proposals").path("value").asLong()).isEqualTo(5);
    assertThat(byName.get("proposals_executed").path("value").asLong()).isEqualTo(5);
    assertThat(byName.get("participation").path("value").asLong()).isEqualTo(10_000);
    assertThat(byName.get("top_proposer_share").path("subject").asText()).isEqualTo("alice");
    assertThat(byName.get("top_proposer_share").path("value").asLong()).isEqualTo(10_000);
    assertThat(byName.get("repeat_drop_revenue_share").path("value").isNull()).isTrue();
    JsonNode drops = Json.MAPPER.readTree(byDrop.out());
    assertThat(drops.path("rows")).hasSize(1);
    assertThat(drops.path("rows").get(0).path("key").asText()).isEqualTo("summer");
    assertThat(drops.path("totals").get(0).path("amountMinor").asLong()).isEqualTo(349_999);
  }

  @Test
  void theSeasonsTierReportsVerifyAndARegionsRevenueMovedByTheNodeIsCaught() throws Exception {
    CoopRunner.Result byTier = report("revenue", "--by", "tier", "--verify");
    CoopRunner.Result byRegion = report("revenue", "--by", "region", "--verify");
    for (CoopRunner.Result r : List.of(byTier, byRegion)) {
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
    }
    assertThat(
            Json.MAPPER.readTree(byTier.out()).path("totals").get(0).path("amountMinor").asLong())
        .isEqualTo(1_200);
    assertThat(Json.MAPPER.readTree(byRegion.out()).path("rows")).hasSize(2);

    // The operator books India's subscription as the eu's (a price the eu never had).
    proxy.lie(
        path -> path.startsWith("/v1/reports/revenue"),
        answer ->
            answer.withText(
                answer
                    .text()
                    .replace("\"amountMinor\":1000}", "\"amountMinor\":1200}")
                    .replace("\"amountMinor\":200}", "\"amountMinor\":0}")));
    CoopRunner.Result lied = report("revenue", "--by", "region", "--verify");

    assertThat(lied.exitCode()).as(lied.out() + lied.err()).isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(lied.err()).contains("VERIFICATION FAILED [REPORT_MISMATCH]");
  }

  @Test
  void metricsFlatteredByTheNodeFailVerification() {
    // The operator makes governance look less concentrated than it is.
    proxy.lie(
        path -> path.startsWith("/v1/reports/metrics"),
        answer -> answer.withText(answer.text().replace("\"value\":10000", "\"value\":2500")));

    CoopRunner.Result result = report("metrics", "--verify");

    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(result.err()).contains("VERIFICATION FAILED [REPORT_MISMATCH]");
  }

  @Test
  void aRevenueReportAlteredByTheNodeFailsVerification() {
    proxy.lie(
        path -> path.startsWith("/v1/reports/revenue"),
        answer ->
            answer.withText(
                answer
                    .text()
                    .replace("\"amountMinor\":250000", "\"amountMinor\":240000")
                    .replace("349999", "339999")));

    CoopRunner.Result result = report("revenue", "--by", "source", "--verify");

    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(result.err()).contains("VERIFICATION FAILED [REPORT_MISMATCH]");
  }

  @Test
  void aPoolReportThatHidesAPayoutFailsVerification() {
    proxy.lie(
        path -> path.startsWith("/v1/reports/pools"),
        answer -> answer.withText(answer.text().replace("pool-payout", "revenue drop:summer")));

    CoopRunner.Result result = report("pools", "--verify");

    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(result.err()).contains("REPORT_MISMATCH");
  }

  @Test
  void badReportRequestsAreSpecific4xx() throws Exception {
    assertThat(client.get("/v1/reports/revenue?by=week").status()).isEqualTo(400);
    assertThat(client.get("/v1/reports/revenue?format=xml").status()).isEqualTo(400);
    assertThat(client.get("/v1/reports/revenue?treeSize=0").status()).isEqualTo(400);
    var unknown = client.get("/v1/reports/statements/nobody");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("ACCOUNT_NOT_FOUND");
  }

  private CoopRunner.Result report(String... args) {
    List<String> all = new ArrayList<>(List.of("report"));
    all.addAll(List.of(args));
    all.addAll(List.of("--node", proxy.url(), "--trust-dir", trustDir.toString()));
    return CoopRunner.plain().run(all.toArray(String[]::new));
  }
}
