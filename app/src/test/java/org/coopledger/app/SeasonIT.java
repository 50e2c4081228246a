package org.coopledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coopledger.api.client.NodeClient;
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
 * A season of the demo co-op (docs/money.md#a-season-of-the-demo-co-op) on a real node (RocksDB,
 * Raft, HTTP), founded by {@link DemoCoop} exactly as {@code coop node --demo} does and then
 * recorded with the real {@code coop} commands: the spring EP sells out (a sale past its cap is
 * refused), a second drop with its own split pays a guest (the venue), an expense is approved and
 * paid from the promotion pool, a pool payout is refused without its clause and then paid, the
 * venue is paid out, and subscriptions come in on the supporter tier from two regions (a third is
 * refused). Every report is then checked to the cent against the figures worked out by hand in the
 * comments, recomputed from an audited replay ({@code --verify}), and the ledger is audited.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeasonIT {
  private static final List<String> CREATORS = List.of("alice", "bob", "carol");

  @TempDir static Path dir;
  private static CoopNode node;
  private static NodeClient client;
  private static CoopRunner coop;
  private static Path keys;
  private static YearMonth firstMonth;
  private static YearMonth lastMonth;

  @BeforeAll
  static void foundTheDemoCoop() {
    node =
        CoopNode.start(
            NodeConfig.defaults()
                .withDataDir(dir.resolve("data"))
                .withPort(0)
                .withCheckpoints(1, 50));
    client = NodeClient.of(node.uri());
    firstMonth = YearMonth.now(ZoneOffset.UTC);
    new DemoCoop(CoopRunner.plain().context(), node.config(), node.uri().toString()).create();
    keys = node.config().dataDir().resolve("keys");
    coop =
        CoopRunner.plain()
            .withEnv(
                Map.of(
                    "COOP_NODE", node.uri().toString(),
                    "COOP_TRUST_DIR", dir.resolve("trust").toString()));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  @Order(1)
  void aSeasonIsRecordedAndWhatTheRulesForbidIsRefusedWithTheLedgerUnchanged() throws Exception {
    // The demo: 1 200.00 EUR of supporter subscriptions (1 000.00 from the eu, 200.00 from India)
    // over the default split (alice 40, bob 35, carol 25)
    // and 40 copies of the spring EP (480.00 EUR: the promotion pool's 150.00 of posters first,
    // then 330.00 over alice 45, carol 45, the pool 10).
    assertThat(balances())
        .isEqualTo(
            Map.of("alice", 62_850L, "bob", 42_000L, "carol", 44_850L, "pool:promotion", 18_300L));

    // The spring EP sells out: the last 60 copies, 720.00 EUR over 45/45/10 (the posters are
    // repaid): alice 324.00, carol 324.00, the pool 72.00.
    ok(
        "revenue",
        "720.00",
        "EUR",
        "--source",
        "drop:spring-ep",
        "--units",
        "60",
        "--key",
        key("tess"));
    unchanged(
        "DROP_SOLD_OUT",
        "revenue",
        "12.00",
        "EUR",
        "--source",
        "drop:spring-ep",
        "--units",
        "1",
        "--key",
        key("tess"));

    // The summer vinyl: its own split with the venue as a guest (no key, no vote), its route, the
    // drop itself (300 copies at 24.99 EUR).
    String split =
        propose(
            "split",
            "--name",
            "drop:summer-vinyl",
            "--share",
            "alice=3000",
            "--share",
            "bob=3000",
            "--share",
            "carol=3000",
            "--share",
            "guest:harbour-hall=1000",
            "--title",
            "Summer vinyl split",
            "--key",
            key("alice"));
    carry(split, CREATORS, CREATORS, "alice");
    String route =
        propose(
            "route",
            "--source",
            "drop:summer-vinyl",
            "--split",
            "drop:summer-vinyl",
            "--title",
            "Summer vinyl revenue to its split",
            "--key",
            key("alice"));
    carry(route, CREATORS, CREATORS, "alice");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String drop =
        propose(
            "drop",
            "--name",
            "summer-vinyl",
            "--event",
            "Open air, Harbour Hall, 21 June",
            "--cap",
            "300",
            "--price",
            "24.99",
            "--currency",
            "EUR",
            "--opens",
            now.minus(1, ChronoUnit.HOURS).toString(),
            "--closes",
            now.plus(1, ChronoUnit.DAYS).toString(),
            "--title",
            "Summer vinyl: 300 copies",
            "--key",
            key("alice"));
    carry(drop, List.of("carol", "tess"), List.of(), "alice");
    // 10, 7 and 1 copies (249.90, 174.93 and 24.99 EUR) over 30/30/30/10, remainders by the rule:
    // 249.90 -> 74.97 each and 24.99 for the venue, exactly;
    // 174.93 -> 52.479 each (52.47 + 1 cent: the larger remainder) and 17.493 (17.49);
    // 24.99 -> 7.497 each (7.49) and 2.499 (2.49); the 3 cents left go to the venue (.9) and then,
    // equal remainders (.7), to the two lowest member ids: carol (3f1a...) and alice (69bb...).
    unchanged(
        "PRICE_MISMATCH",
        "revenue",
        "250.00",
        "EUR",
        "--source",
        "drop:summer-vinyl",
        "--units",
        "10",
        "--key",
        key("tess"));
    ok(
        "revenue",
        "249.90",
        "EUR",
        "--source",
        "drop:summer-vinyl",
        "--units",
        "10",
        "--key",
        key("tess"));
    ok(
        "revenue",
        "174.93",
        "EUR",
        "--source",
        "drop:summer-vinyl",
        "--units",
        "7",
        "--key",
        key("tess"));
    ok(
        "revenue",
        "24.99",
        "EUR",
        "--source",
        "drop:summer-vinyl",
        "--units",
        "1",
        "--key",
        key("tess"));

    // Carol paid the print shop 42.50 EUR for tour posters: an expense from the promotion pool,
    // with the invoice's SHA-256 on the ledger, approved by the two treasurers.
    Path invoice = dir.resolve("invoice-17.txt");
    Files.writeString(invoice, "Print shop, invoice 17: 200 tour posters, 42.50 EUR");
    String expense =
        propose(
            "expense",
            "--amount",
            "42.50",
            "--currency",
            "EUR",
            "--receipt",
            invoice.toString(),
            "--from",
            "pool:promotion",
            "--title",
            "Tour posters",
            "--key",
            key("carol"));
    carry(expense, List.of("bob", "tess"), List.of(), "carol");

    // The pool pays the radio ad (100.00 EUR): never through a member payout's clause, and not
    // before both treasurers have approved under the pool's own clause.
    unchanged(
        "PAYOUT_FROM_POOL",
        "propose",
        "payout",
        "--to",
        "pool:promotion",
        "--amount",
        "100.00",
        "--currency",
        "EUR",
        "--key",
        key("bob"));
    String ad =
        propose(
            "pool-payout",
            "--pool",
            "promotion",
            "--to",
            "Radio Harbour",
            "--amount",
            "100.00",
            "--currency",
            "EUR",
            "--reference",
            "ad, week 25",
            "--title",
            "Radio ad",
            "--key",
            key("carol"));
    ok("approve", ad, "--key", key("bob"));
    unchanged("CLAUSE_NOT_MET", "execute", ad, "--key", key("carol"));
    ok("approve", ad, "--key", key("tess"));
    ok("execute", ad, "--key", key("carol"));

    // The venue is paid its 44.98 EUR like a member, under the payout clause.
    String venue =
        propose(
            "payout",
            "--to",
            "guest:harbour-hall",
            "--amount",
            "44.98",
            "--currency",
            "EUR",
            "--reference",
            "summer vinyl, venue share",
            "--key",
            key("alice"));
    carry(venue, List.of("bob", "tess"), List.of(), "alice");

    // The month's subscriptions on the supporter tier, over the default split (40/35/25): 200.00
    // EUR (40 months in the eu at 5.00) and 50.00 EUR (25 months in India at 2.00). The tier is
    // not sold in the US.
    unchanged(
        "UNKNOWN_REGION",
        "revenue",
        "5.00",
        "EUR",
        "--tier",
        "supporter",
        "--region",
        "us",
        "--key",
        key("tess"));
    ok(
        "revenue",
        "200.00",
        "EUR",
        "--tier",
        "supporter",
        "--region",
        "eu",
        "--months",
        "40",
        "--key",
        key("tess"));
    ok(
        "revenue",
        "50.00",
        "EUR",
        "--tier",
        "supporter",
        "--region",
        "in",
        "--months",
        "25",
        "--key",
        key("tess"));

    lastMonth = YearMonth.now(ZoneOffset.UTC);
    assertThat(balances())
        .isEqualTo(
            Map.of(
                // 480.00 + 148.50 + 324.00 + 74.97 + 52.48 + 7.50 + 80.00 + 20.00
                "alice", 118_745L,
                // 420.00 + 74.97 + 52.48 + 7.49 + 70.00 + 17.50
                "bob", 64_244L,
                // 300.00 + 148.50 + 324.00 + 74.97 + 52.48 + 7.50 + 42.50 (the expense) + 50.00
                // + 12.50
                "carol", 101_245L,
                // 183.00 + 72.00 - 42.50 - 100.00
                "pool:promotion", 11_250L));
    // The venue: 24.99 + 17.49 + 2.50 - 44.98 = 0, so no balance is listed (its statement below).
  }

  @Test
  @Order(2)
  void everyReportAddsUpToTheCent() throws Exception {
    JsonNode bySource = report("revenue", "--by", "source");
    assertThat(rows(bySource))
        .containsExactly(
            "drop:spring-ep EUR 2 120000", // 480.00 + 720.00
            "drop:summer-vinyl EUR 3 44982", // 249.90 + 174.93 + 24.99
            "subscription:supporter EUR 4 145000"); // 1 000.00 + 200.00 + 200.00 + 50.00
    assertThat(totals(bySource)).containsExactly("EUR 309982");

    JsonNode byDrop = report("revenue", "--by", "drop");
    assertThat(rows(byDrop)).containsExactly("spring-ep EUR 2 120000", "summer-vinyl EUR 3 44982");
    assertThat(totals(byDrop)).containsExactly("EUR 164982");

    JsonNode byTier = report("revenue", "--by", "tier");
    assertThat(rows(byTier)).containsExactly("supporter EUR 4 145000");
    assertThat(totals(byTier)).containsExactly("EUR 145000");
    JsonNode byRegion = report("revenue", "--by", "region");
    assertThat(rows(byRegion)).containsExactly("eu EUR 2 120000", "in EUR 2 25000");
    assertThat(totals(byRegion)).containsExactly("EUR 145000");

    JsonNode byMonth = report("revenue", "--by", "month");
    assertThat(totals(byMonth)).containsExactly("EUR 309982");
    boolean oneMonth = firstMonth.equals(lastMonth); // else it straddled a month's end: two rows
    if (oneMonth) {
      assertThat(rows(byMonth)).containsExactly(firstMonth + " EUR 9 309982");
    }

    assertThat(statement("alice"))
        .containsExactly(
            "revenue subscription:supporter 40000",
            "revenue subscription:supporter 8000",
            "revenue drop:spring-ep 14850",
            "revenue drop:spring-ep 32400",
            "revenue drop:summer-vinyl 7497",
            "revenue drop:summer-vinyl 5248",
            "revenue drop:summer-vinyl 750",
            "revenue subscription:supporter 8000",
            "revenue subscription:supporter 2000",
            "balance EUR 118745");
    assertThat(statement("bob"))
        .containsExactly(
            "revenue subscription:supporter 35000",
            "revenue subscription:supporter 7000",
            "revenue drop:summer-vinyl 7497",
            "revenue drop:summer-vinyl 5248",
            "revenue drop:summer-vinyl 749",
            "revenue subscription:supporter 7000",
            "revenue subscription:supporter 1750",
            "balance EUR 64244");
    assertThat(statement("carol"))
        .containsExactly(
            "revenue subscription:supporter 25000",
            "revenue subscription:supporter 5000",
            "revenue drop:spring-ep 14850",
            "revenue drop:spring-ep 32400",
            "revenue drop:summer-vinyl 7497",
            "revenue drop:summer-vinyl 5248",
            "revenue drop:summer-vinyl 750",
            "expense 4250",
            "revenue subscription:supporter 5000",
            "revenue subscription:supporter 1250",
            "balance EUR 101245");
    List<String> promotion =
        List.of(
            "revenue drop:spring-ep 18300", // the posters' 150.00, then 33.00
            "revenue drop:spring-ep 7200",
            "expense -4250",
            "pool-payout -10000",
            "balance EUR 11250");
    assertThat(statement("pool:promotion")).containsExactlyElementsOf(promotion);
    assertThat(statement("guest:harbour-hall"))
        .containsExactly(
            "revenue drop:summer-vinyl 2499",
            "revenue drop:summer-vinyl 1749",
            "revenue drop:summer-vinyl 250",
            "payout -4498",
            "balance EUR 0");

    JsonNode pools = report("pools");
    assertThat(pools.path("pools")).hasSize(1);
    JsonNode pool = pools.path("pools").get(0);
    assertThat(pool.path("pool").asText()).isEqualTo("pool:promotion");
    assertThat(lines(pool)).containsExactlyElementsOf(promotion);

    Map<String, Long> metrics = metrics(report("metrics"));
    assertThat(metrics)
        .containsEntry("drop_units_sold spring-ep", 100L)
        .containsEntry("drop_sell_through spring-ep", 10_000L)
        .containsEntry("drop_units_sold summer-vinyl", 18L)
        .containsEntry("drop_sell_through summer-vinyl", 600L) // 18 / 300
        // The demo's 5 and the season's 6 proposals, all executed.
        .containsEntry("proposals ", 11L)
        .containsEntry("proposals_executed ", 11L)
        // 5 proposals with a vote (3 splits, 2 routes), 3 of 5 members voting on each: 15 / 25.
        .containsEntry("participation ", 6_000L)
        // alice opened 7 of 11 (two splits, a route, two drops, the tier, the venue's payout).
        .containsEntry("top_proposer_share alice", 6_363L)
        // 26 approvals: bob 8, carol 7, tess 6, alice 5: 8 / 26.
        .containsEntry("top_approver_share bob", 3_076L)
        .containsEntry("community_decisions_raised ", 0L);
    if (oneMonth) { // the cohort month is the only month: all its revenue is "kept"
      assertThat(metrics)
          .containsEntry("tier_revenue_retention supporter EUR " + firstMonth, 10_000L);
    }
  }

  @Test
  @Order(3)
  void everyReportVerifiesAgainstTheAuditedLedgerAndTheAuditPasses() {
    List<List<String>> reports =
        List.of(
            List.of("revenue", "--by", "source"),
            List.of("revenue", "--by", "month"),
            List.of("revenue", "--by", "drop"),
            List.of("revenue", "--by", "tier"),
            List.of("revenue", "--by", "region"),
            List.of("statement", "alice"),
            List.of("statement", "bob"),
            List.of("statement", "carol"),
            List.of("statement", "pool:promotion"),
            List.of("statement", "guest:harbour-hall"),
            List.of("pools"),
            List.of("metrics"));
    for (List<String> report : reports) {
      List<String> args = new ArrayList<>(List.of("report"));
      args.addAll(report);
      args.add("--verify");
      CoopRunner.Result result = ok(args.toArray(String[]::new));
      assertThat(result.err()).as(report.toString()).contains("verified: the node's report equals");
    }
    assertThat(ok("audit").out()).contains("audit passed");
  }

  // --- the commands

  /** Runs {@code coop args...}; it must succeed. */
  private static CoopRunner.Result ok(String... args) {
    CoopRunner.Result result = coop.run(args);
    assertThat(result.exitCode())
        .as("coop %s: %s%s", String.join(" ", args), result.out(), result.err())
        .isEqualTo(ExitCode.OK);
    return result;
  }

  /**
   * Runs {@code coop args...}; the co-op's rules must refuse it with {@code code}, the ledger
   * unchanged.
   */
  private static void unchanged(String code, String... args) {
    long size = client.nodeInfo().treeSize();
    CoopRunner.Result result = coop.run(args);
    assertThat(result.exitCode())
        .as("coop %s: %s%s", String.join(" ", args), result.out(), result.err())
        .isEqualTo(ExitCode.REJECTED);
    assertThat(result.err()).contains("[" + code + "]");
    assertThat(client.nodeInfo().treeSize()).isEqualTo(size);
  }

  /** Opens a proposal ({@code coop propose args... --quiet}) and returns its id. */
  private static String propose(String... args) {
    List<String> all = new ArrayList<>(List.of("propose"));
    all.addAll(Arrays.asList(args));
    all.add("--quiet");
    return ok(all.toArray(String[]::new)).out().strip();
  }

  /** Has {@code approvers} approve and {@code voters} vote yes, then {@code executor} executes. */
  private static void carry(
      String id, List<String> approvers, List<String> voters, String executor) {
    for (String name : approvers) {
      ok("approve", id, "--key", key(name));
    }
    for (String name : voters) {
      ok("vote", id, "yes", "--key", key(name));
    }
    ok("execute", id, "--key", key(executor));
  }

  private static String key(String name) {
    return keys.resolve(name + ".pem").toString();
  }

  // --- what the node says

  /** Each member's and account's EUR balance, by name. */
  private static Map<String, Long> balances() throws Exception {
    Map<String, Long> out = new LinkedHashMap<>();
    for (JsonNode b : json(ok("show", "balances", "--json")).path("balances")) {
      assertThat(b.path("currency").asText()).isEqualTo("EUR");
      out.put(b.path("name").asText(), b.path("amountMinor").asLong());
    }
    return out;
  }

  private static JsonNode report(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("report"));
    all.addAll(Arrays.asList(args));
    return json(ok(all.toArray(String[]::new)));
  }

  /** A revenue report's rows as "key currency entries amount". */
  private static List<String> rows(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : report.path("rows")) {
      out.add(
          r.path("key").asText()
              + " "
              + r.path("currency").asText()
              + " "
              + r.path("entries").asLong()
              + " "
              + r.path("amountMinor").asLong());
    }
    return out;
  }

  private static List<String> totals(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : report.path("totals")) {
      out.add(t.path("currency").asText() + " " + t.path("amountMinor").asLong());
    }
    return out;
  }

  /** A statement as "cause amount" per movement, then "balance currency amount" per balance. */
  private static List<String> statement(String account) throws Exception {
    return lines(report("statement", account));
  }

  private static List<String> lines(JsonNode statement) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : statement.path("movements")) {
      assertThat(m.path("currency").asText()).isEqualTo("EUR");
      out.add(m.path("cause").asText() + " " + m.path("amountMinor").asLong());
    }
    JsonNode balances = statement.path("balances");
    if (balances.isEmpty()) {
      out.add("balance EUR 0");
    }
    for (JsonNode b : balances) {
      out.add("balance " + b.path("currency").asText() + " " + b.path("amountMinor").asLong());
    }
    return out;
  }

  /** The metrics as "name subject" -> value (metrics without a value left out). */
  private static Map<String, Long> metrics(JsonNode report) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (JsonNode m : report.path("metrics")) {
      if (!m.path("value").isNull()) {
        out.put(
            m.path("name").asText() + " " + m.path("subject").asText(), m.path("value").asLong());
      }
    }
    return out;
  }

  private static JsonNode json(CoopRunner.Result result) throws Exception {
    return Json.MAPPER.readTree(result.out());
  }
}
