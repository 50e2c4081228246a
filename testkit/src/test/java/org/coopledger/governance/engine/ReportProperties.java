package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.report.Metrics;
import org.coopledger.governance.report.MoneyJournal;
import org.coopledger.governance.report.Movement;
import org.coopledger.governance.report.Reports;

/**
 * Over generated ledgers (named splits, routes, revenue from five sources, payouts), every money
 * report adds up to the ledger's own totals: revenue by source and by month each sum to the revenue
 * the ledger recorded, and every member's statement sums to their balance in the replayed state.
 */
class ReportProperties {

  @Provide
  Arbitrary<List<RandomLedger.Op>> ops() {
    return RandomLedger.ops();
  }

  @Property(tries = 60)
  void everyReportSumsToTheLedgersTotals(@ForAll("ops") List<RandomLedger.Op> ops) {
    MoneyJournal journal = new MoneyJournal();
    SortedMap<String, Long> recorded = new TreeMap<>();
    SortedMap<String, Long> recordedFromDrops = new TreeMap<>();
    SortedMap<String, Long> recordedAgainstTiers = new TreeMap<>();
    CoopState last = CoopState.empty();
    for (RandomLedger.Step step : RandomLedger.run(ops)) {
      if (step.outcome() instanceof EntryOutcome.Applied applied) {
        journal.applied(journal.size(), step.before(), applied, step.record().toBytes());
        last = applied.state();
        if (EntryCodec.decode(step.record().signedEntry()).entry().action()
            instanceof RecordRevenue r) {
          recorded.merge(r.currency(), r.amountMinor(), Long::sum);
          if (r.source().startsWith("drop:")) {
            recordedFromDrops.merge(r.currency(), r.amountMinor(), Long::sum);
          }
          if (!r.region().isEmpty()) {
            recordedAgainstTiers.merge(r.currency(), r.amountMinor(), Long::sum);
          }
        }
      }
    }
    assertThat(journal.state().digestHex()).isEqualTo(last.digestHex());

    for (Reports.By by : Reports.By.values()) {
      Reports.RevenueReport report = Reports.revenue(journal, by);
      SortedMap<String, Long> sum = new TreeMap<>();
      report.rows().forEach(r -> sum.merge(r.currency(), r.amountMinor(), Long::sum));
      // By drop: the drops' sales only, every one of them; by tier or region: every revenue
      // recorded against a tier, and nothing else.
      SortedMap<String, Long> expected =
          switch (by) {
            case DROP -> recordedFromDrops;
            case TIER, REGION -> recordedAgainstTiers;
            default -> recorded;
          };
      assertThat(sum).as("revenue by %s", by).isEqualTo(expected);
      assertThat(report.totals())
          .extracting(Reports.Total::amountMinor)
          .containsExactlyElementsOf(expected.values());
      assertThat(report.treeSize()).isEqualTo(journal.size());
      assertThat(report.stateDigest()).isEqualTo(last.digestHex());
    }

    // Revenue retention by tier: each tier's cohort month keeps all of its own revenue.
    List<Metrics.Metric> retention =
        Metrics.of(journal).metrics().stream()
            .filter(m -> m.name().equals("tier_revenue_retention"))
            .toList();
    if (recordedAgainstTiers.isEmpty()) {
      assertThat(retention).singleElement().extracting(Metrics.Metric::value).isNull();
    } else {
      java.util.Set<String> cohorts = new java.util.TreeSet<>();
      for (Metrics.Metric m : retention) {
        String tierAndCurrency = m.subject().substring(0, m.subject().lastIndexOf(' '));
        if (cohorts.add(tierAndCurrency)) {
          assertThat(m.value()).as(m.subject()).isEqualTo(10_000L);
        }
      }
      assertThat(cohorts).hasSameSizeAs(Reports.revenue(journal, Reports.By.TIER).rows());
    }

    for (MemberId member : last.members().keySet()) {
      Reports.Statement statement = Reports.statement(journal, member);
      long sum =
          statement.movements().stream()
              .filter(m -> m.currency().equals("EUR"))
              .mapToLong(Movement::amountMinor)
              .sum();
      assertThat(sum).as("statement of %s", member).isEqualTo(last.balances().of(member, "EUR"));
    }
    // Revenue credits exactly what was recorded: the remainder rule loses no unit.
    long credited =
        journal.movements().stream()
            .filter(m -> m.cause().startsWith("revenue "))
            .mapToLong(Movement::amountMinor)
            .sum();
    assertThat(credited).isEqualTo(recorded.getOrDefault("EUR", 0L));
  }
}
