package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.report.Metrics;
import org.coopledger.governance.report.Metrics.Metric;
import org.coopledger.governance.report.MoneyJournal;
import org.coopledger.governance.report.Reports;
import org.junit.jupiter.api.Test;

/**
 * The metrics report on the demo ledger: a split voted by all five members and executed, a payout
 * approved by two treasurers and executed, a decision with one vote still open.
 */
class MetricsTest {
  private static MoneyJournal demo() {
    return MoneyJournal.of(
        DemoLedger.records().stream().map(AcceptedEntry::toBytes).toList(),
        SignatureVerifier.CRYPTO);
  }

  private static Metric metric(Metrics.MetricsReport report, String name) {
    return report.metrics().stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + report));
  }

  @Test
  void governanceHealthOfTheDemoCoop() {
    MoneyJournal journal = demo();
    Metrics.MetricsReport report = Metrics.of(journal);

    assertThat(report.treeSize()).isEqualTo(journal.size());
    assertThat(report.stateDigest()).isEqualTo(journal.state().digestHex());
    assertThat(metric(report, "proposals").value()).isEqualTo(3);
    assertThat(metric(report, "proposals_executed").value()).isEqualTo(2);
    // The split: 5 of 5 voted; the decision: 1 of 5; the payout's clause has no vote.
    assertThat(metric(report, "participation").value()).isEqualTo(6_000);
    assertThat(metric(report, "participation").note()).contains("over the 2 proposals");
    // alice opened two of the three proposals; bob gave two of the five approvals.
    assertThat(metric(report, "top_proposer_share"))
        .extracting(Metric::subject, Metric::value)
        .containsExactly("alice", 6_666L);
    assertThat(metric(report, "top_approver_share"))
        .extracting(Metric::subject, Metric::value)
        .containsExactly("bob", 4_000L);
    assertThat(metric(report, "community_decisions_raised").value()).isEqualTo(1);
    assertThat(metric(report, "community_decisions_executed").value()).isZero();
    assertThat(metric(report, "repeat_drop_revenue_share").value()).isNull();
    assertThat(metric(report, "tier_revenue_retention").value()).isNull();
  }

  @Test
  void decisionTimesAreFromOpeningToExecutionOfTheDecidedProposals() {
    MoneyJournal journal = demo();
    List<Long> times =
        journal.state().proposals().values().stream()
            .filter(p -> p.status() == ProposalStatus.EXECUTED)
            .map(p -> p.closedAt() - p.openedAt())
            .sorted()
            .toList();
    assertThat(times).hasSize(2).allMatch(t -> t > 0);
    Metrics.MetricsReport report = Metrics.of(journal);
    assertThat(metric(report, "decision_time_median").value()).isEqualTo(times.get(0));
    assertThat(metric(report, "decision_time_max").value()).isEqualTo(times.get(1));
  }

  @Test
  void beforeAnyProposalTheSharesAndTimesAreUnknownNotZero() {
    MoneyJournal journal =
        MoneyJournal.of(List.of(DemoLedger.records().get(0).toBytes()), SignatureVerifier.CRYPTO);
    Metrics.MetricsReport report = Metrics.of(journal);
    assertThat(metric(report, "proposals").value()).isZero();
    assertThat(metric(report, "participation").value()).isNull();
    assertThat(metric(report, "decision_time_median").value()).isNull();
    assertThat(metric(report, "top_proposer_share").value()).isNull();
  }

  @Test
  void theCsvHasTheTreeSizeDigestAndOneRowPerMetric() {
    Metrics.MetricsReport report = Metrics.of(demo());
    String[] lines = report.csv().split("\r\n");
    assertThat(lines[0])
        .isEqualTo("# tree_size," + report.treeSize() + ",state_digest," + report.stateDigest());
    assertThat(lines[1]).isEqualTo("metric,subject,value,unit,note");
    assertThat(lines).hasSize(2 + report.metrics().size());
    assertThat(lines).anyMatch(l -> l.startsWith("participation,,6000,bp,"));
    assertThat(lines).anyMatch(l -> l.startsWith("repeat_drop_revenue_share,,,bp,"));
  }

  @Test
  void revenueByDropCountsOnlyDropSales() {
    Reports.RevenueReport report = Reports.revenue(demo(), Reports.By.DROP);
    assertThat(report.by()).isEqualTo("drop");
    assertThat(report.rows())
        .containsExactly(new Reports.RevenueRow("spring-tour", "EUR", 1, 250_000));
    assertThat(report.totals()).containsExactly(new Reports.Total("EUR", 250_000));
  }
}
