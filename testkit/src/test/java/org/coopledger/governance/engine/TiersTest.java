package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RegionPrice;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.report.Metrics;
import org.coopledger.governance.report.MoneyJournal;
import org.coopledger.governance.report.Reports;
import org.coopledger.governance.split.Tier;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * Membership tiers (docs/money.md#tiers): the supporter tier costs 5.00 EUR a month in the eu and
 * 2.00 EUR in India (purchasing-power-parity pricing). Subscription revenue recorded against it
 * names a region and is a whole number of months at that region's price; the price list changes
 * only by an executed proposal under the rulebook's tier clause.
 */
class TiersTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private void found(boolean withTierClause) {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().text()
                + (withTierClause ? "tier: " + DefaultRulebook.MAJORITY + "\n" : ""),
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 3000))));
  }

  private static Governed.TierChange supporter(RegionPrice... prices) {
    return new Governed.TierChange("supporter", List.of(prices));
  }

  /** Proposes and has every member vote yes; returns the proposal's id. */
  private EntryId proposeAndVote(Governed governed) {
    byte[] proposal = coop.propose("alice", "prices", governed);
    story.accept(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String member : RandomLedger.NAMES) {
      story.accept(coop.vote(member, id, VoteChoice.YES));
    }
    return id;
  }

  private void define() {
    story.accept(
        coop.execute(
            "bob",
            proposeAndVote(
                supporter(new RegionPrice("eu", 500, "EUR"), new RegionPrice("in", 200, "EUR")))));
  }

  private byte[] subscription(long amount, String currency, String region, long months) {
    return coop.subscription("tess", amount, currency, "supporter", region, months);
  }

  @Test
  void subscriptionRevenueIsAWholeNumberOfMonthsAtItsRegionsPrice() {
    found(true);
    define();

    story.accept(subscription(1000, "EUR", "eu", 2));
    story.accept(subscription(200, "EUR", "in", 1));
    // 12.00 EUR, divided 40/30/30 by the default split (no route for subscriptions).
    assertThat(story.state.balances().of(coop.id("alice"), "EUR")).isEqualTo(480);

    // The eu price for an Indian subscription, the Indian price for a European one.
    EntryOutcome.Rejected wrong =
        story.reject(subscription(500, "EUR", "in", 1), RejectionCode.PRICE_MISMATCH);
    assertThat(wrong.message()).contains("costs 200 EUR").contains("got 1 months for 500 EUR");
    story.reject(subscription(200, "EUR", "eu", 1), RejectionCode.PRICE_MISMATCH);
    story.reject(subscription(200, "USD", "in", 1), RejectionCode.PRICE_MISMATCH);
    story.reject(subscription(400, "EUR", "in", 0), RejectionCode.PRICE_MISMATCH);
    story.reject(subscription(400, "EUR", "in", Long.MAX_VALUE), RejectionCode.PRICE_MISMATCH);
  }

  @Test
  void revenueOfAnUnknownTierOrRegionIsRefused() {
    found(true);
    define();

    story.reject(
        coop.subscription("tess", 500, "EUR", "patron", "eu", 1), RejectionCode.UNKNOWN_TIER);
    EntryOutcome.Rejected region =
        story.reject(subscription(500, "EUR", "us", 1), RejectionCode.UNKNOWN_REGION);
    assertThat(region.message()).contains("not sold in region us").contains("eu, in");
    // A tier's revenue says where it was paid; only a tier's revenue has a region or months.
    story.reject(
        coop.revenue("tess", 500, "EUR", "subscription:supporter"), RejectionCode.UNKNOWN_REGION);
    story.reject(
        coop.sign(
            "tess",
            new org.coopledger.governance.action.RecordRevenue(
                500, "EUR", "workshop:berlin", "", 1, "eu")),
        RejectionCode.UNKNOWN_TIER);
    story.reject(
        coop.revenue("tess", 500, "EUR", "subscription:patron", 1), RejectionCode.UNKNOWN_TIER);
    story.reject(coop.revenue("tess", 500, "EUR", "subscription", 1), RejectionCode.UNKNOWN_DROP);
    // Subscriptions of no defined tier go on as before.
    story.accept(coop.revenue("tess", 500, "EUR", "subscription:patron"));
  }

  @Test
  void aPriceChangeTakesEffectOnlyWhenItsProposalIsExecuted() {
    found(true);
    define();
    long definedAt = story.state.lastAcceptedAt();

    // Inflation: 6.00 in the eu; India is no longer sold (a region left out of the new list).
    EntryId change = proposeAndVote(supporter(new RegionPrice("eu", 600, "EUR")));
    story.reject(subscription(600, "EUR", "eu", 1), RejectionCode.PRICE_MISMATCH);
    story.accept(subscription(500, "EUR", "eu", 1));
    story.accept(coop.execute("tess", change));

    story.accept(subscription(600, "EUR", "eu", 1));
    story.reject(subscription(500, "EUR", "eu", 1), RejectionCode.PRICE_MISMATCH);
    story.reject(subscription(200, "EUR", "in", 1), RejectionCode.UNKNOWN_REGION);

    // Both versions stay in the state, and survive the canonical encoding.
    Tier tier = story.state.money().tier("supporter").orElseThrow();
    assertThat(tier.versions()).hasSize(2);
    assertThat(tier.versions().get(0).adoptedAtMillis()).isEqualTo(definedAt);
    assertThat(tier.current().prices()).containsExactly(new RegionPrice("eu", 600, "EUR"));
    CoopState decoded = CoopState.decode(story.state.encode());
    assertThat(decoded.digestHex()).isEqualTo(story.state.digestHex());
    assertThat(decoded.money().tiers()).isEqualTo(story.state.money().tiers());
    assertThat(ReadModel.money(story.state).tiers().getFirst().versions()).hasSize(2);
  }

  @Test
  void aPriceChangeWithoutTheVotesItsClauseAsksForIsNotExecuted() {
    found(true);
    define();
    byte[] proposal = coop.propose("tess", "cheaper", supporter(new RegionPrice("eu", 1, "EUR")));
    story.accept(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    story.accept(coop.vote("tess", id, VoteChoice.YES));

    story.reject(coop.execute("tess", id), RejectionCode.CLAUSE_NOT_MET);
    story.reject(subscription(1, "EUR", "eu", 1), RejectionCode.PRICE_MISMATCH);
  }

  @Test
  void aRulebookWithoutATierClauseDefinesNoTiers() {
    found(false);
    story.reject(
        coop.propose("alice", "tiers", supporter(new RegionPrice("eu", 500, "EUR"))),
        RejectionCode.NOT_ALLOWED);
    assertThat(story.state.rulebook()).doesNotContain("tier");
    // Without tiers, the state encodes without a tiers section.
    assertThat(new String(story.state.encode(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("tiers");
  }

  @Test
  void theReportsShowRevenueByTierAndRegionAndEachTiersRetentionFromItsCohortMonth() {
    found(true);
    define();
    // January: 2 months in the eu, 1 in India (12.00); February: 1 in the eu (5.00); March none.
    story.accept(subscription(1000, "EUR", "eu", 2));
    story.accept(subscription(200, "EUR", "in", 1));
    story.accept(coop.revenue("tess", 9900, "EUR", "workshop:berlin"));
    coop.setClock(CoopFixture.DEMO_START + 40L * 24 * 3_600_000);
    story.accept(subscription(500, "EUR", "eu", 1));
    coop.setClock(CoopFixture.DEMO_START + 70L * 24 * 3_600_000);
    story.accept(coop.revenue("tess", 100, "EUR", "sponsorship"));

    MoneyJournal journal =
        MoneyJournal.of(
            story.ledger.stream().map(AcceptedEntry::toBytes).toList(), SignatureVerifier.CRYPTO);
    // Only revenue recorded against a tier: not the workshop, not the sponsorship.
    assertThat(Reports.revenue(journal, Reports.By.TIER).rows())
        .containsExactly(new Reports.RevenueRow("supporter", "EUR", 3, 1700));
    assertThat(Reports.revenue(journal, Reports.By.REGION).rows())
        .containsExactly(
            new Reports.RevenueRow("eu", "EUR", 2, 1500),
            new Reports.RevenueRow("in", "EUR", 1, 200));
    assertThat(Reports.revenue(journal, Reports.By.TIER).totals())
        .containsExactly(new Reports.Total("EUR", 1700));

    List<Metrics.Metric> retention =
        Metrics.of(journal).metrics().stream()
            .filter(m -> m.name().equals("tier_revenue_retention"))
            .toList();
    assertThat(retention)
        .extracting(Metrics.Metric::subject, Metrics.Metric::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("supporter EUR 2026-01", 10_000L),
            org.assertj.core.groups.Tuple.tuple("supporter EUR 2026-02", 4_166L),
            org.assertj.core.groups.Tuple.tuple("supporter EUR 2026-03", 0L));
    assertThat(retention.get(1).note()).contains("revenue, not subscribers");
  }

  @Test
  void aRegionMayHaveItsOwnCurrencyAndTheReportsKeepCurrenciesApart() {
    found(true);
    EntryId rupees =
        proposeAndVote(
            supporter(new RegionPrice("eu", 500, "EUR"), new RegionPrice("in", 15_000, "INR")));
    assertThat(
            ReadModel.proposals(story.state, story.state.lastAcceptedAt()).stream()
                .filter(p -> p.id().equals(rupees.hex()))
                .findFirst()
                .orElseThrow()
                .details())
        .containsEntry("tier", "supporter")
        .containsEntry("price.in", "15000 INR");
    story.accept(coop.execute("bob", rupees));

    story.accept(subscription(30_000, "INR", "in", 2));
    story.reject(subscription(200, "EUR", "in", 1), RejectionCode.PRICE_MISMATCH);
    story.accept(subscription(500, "EUR", "eu", 1));
    assertThat(story.state.balances().of(coop.id("alice"), "INR")).isEqualTo(12_000);

    // The refused entry is in the story's list but never in a ledger: replay only what applied.
    MoneyJournal journal = new MoneyJournal();
    CoopState state = CoopState.empty();
    for (AcceptedEntry record : story.ledger) {
      if (StateMachine.apply(state, record, SignatureVerifier.CRYPTO)
          instanceof EntryOutcome.Applied applied) {
        journal.applied(journal.size(), state, applied, record.toBytes());
        state = applied.state();
      }
    }
    assertThat(Reports.revenue(journal, Reports.By.TIER).rows())
        .containsExactly(
            new Reports.RevenueRow("supporter", "EUR", 1, 500),
            new Reports.RevenueRow("supporter", "INR", 1, 30_000));
    assertThat(Reports.revenue(journal, Reports.By.REGION).rows())
        .containsExactly(
            new Reports.RevenueRow("eu", "EUR", 1, 500),
            new Reports.RevenueRow("in", "INR", 1, 30_000));
    assertThat(Reports.revenue(journal, Reports.By.TIER).totals())
        .containsExactly(new Reports.Total("EUR", 500), new Reports.Total("INR", 30_000));
  }

  @Test
  void tierRevenueIsRoutedByItsSubscriptionSource() {
    found(true);
    define();
    // subscription:* -> membership (alice and carol), which takes bob's part: he approves.
    EntryId split =
        proposeAndVote(
            new Governed.SplitChange(
                List.of(new Share(coop.id("alice"), 5000), new Share(coop.id("carol"), 5000)),
                "membership"));
    story.accept(coop.approve("alice", split));
    story.accept(coop.approve("carol", split));
    story.accept(coop.execute("tess", split));
    EntryId route = proposeAndVote(new Governed.RouteChange("subscription:*", "membership", false));
    for (String member : List.of("alice", "bob", "carol")) {
      story.accept(coop.approve(member, route));
    }
    story.accept(coop.execute("tess", route));

    story.accept(subscription(1000, "EUR", "eu", 2));

    assertThat(story.state.balances().of(coop.id("alice"), "EUR")).isEqualTo(500);
    assertThat(story.state.balances().of(coop.id("carol"), "EUR")).isEqualTo(500);
    assertThat(story.state.balances().of(coop.id("bob"), "EUR")).isZero();
  }
}
