package org.coopledger.governance.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.ReadModel;
import org.coopledger.governance.split.Drop;
import org.coopledger.governance.view.ProposalView;

/**
 * The playbook's metrics that a ledger can compute honestly (docs/money.md#metrics), each with a
 * note on what it does not know, from the state a replay reached: governance health (participation,
 * time to decision, how concentrated proposals and approvals are, community decisions executed),
 * drop sell-through and revenue retention by membership tier ({@link TierRetention}). Metrics the
 * ledger cannot compute are listed with no value and the reason. Deterministic: computed as of the
 * last accepted time, so the node and an auditor's replay get the same report.
 */
public final class Metrics {
  /** Basis points: a share as an integer out of 10,000, rounded down. */
  public static final String BASIS_POINTS = "bp";

  private static final String COUNT = "count";
  private static final String MILLIS = "ms";

  private Metrics() {}

  /**
   * One figure: {@code name} (stable, snake case), what it is about ({@code subject}: a member's
   * name, a drop; empty for the co-op), its integer {@code value} (null if the ledger cannot know
   * it) in {@code unit}, and what it does not know.
   */
  public record Metric(String name, String subject, Long value, String unit, String note) {}

  /** Every metric, at a tree size and state digest. */
  public record MetricsReport(long treeSize, String stateDigest, List<Metric> metrics) {
    public MetricsReport {
      metrics = List.copyOf(metrics);
    }

    public String csv() {
      StringBuilder out =
          Reports.Csv.header(treeSize, stateDigest, "metric", "subject", "value", "unit", "note");
      metrics.forEach(
          m ->
              Reports.Csv.row(
                  out,
                  m.name(),
                  m.subject(),
                  m.value() == null ? "" : "" + m.value(),
                  m.unit(),
                  m.note()));
      return out.toString();
    }
  }

  /** The metrics of the ledger the journal replayed. */
  public static MetricsReport of(MoneyJournal journal) {
    CoopState state = journal.state();
    List<Metric> out = new ArrayList<>();
    governance(state, out);
    drops(state, out);
    out.add(
        new Metric(
            "repeat_drop_revenue_share",
            "",
            null,
            BASIS_POINTS,
            "not computed: the ledger records what was sold, not who bought it, so it cannot tell a"
                + " repeat buyer from a new one"));
    out.addAll(TierRetention.of(journal.revenue(), state.lastAcceptedAt()));
    return new MetricsReport(journal.size(), state.digestHex(), out);
  }

  private static void governance(CoopState state, List<Metric> out) {
    List<ProposalView> proposals = ReadModel.proposals(state, state.lastAcceptedAt());
    long executed = proposals.stream().filter(p -> p.status().equals("executed")).count();
    out.add(
        new Metric("proposals", "", (long) proposals.size(), COUNT, "every proposal ever opened"));
    out.add(
        new Metric(
            "proposals_executed",
            "",
            executed,
            COUNT,
            "proposals carried out; the rest are open, passed but not yet executed, rejected or"
                + " expired"));

    long voted = 0;
    long cast = 0;
    long eligible = 0;
    for (ProposalView p : proposals) {
      if (p.votingClosesAtMillis() != null && p.tally().eligible() > 0) {
        voted++;
        cast += p.tally().eligible() - p.tally().notVoted();
        eligible += p.tally().eligible();
      }
    }
    out.add(
        new Metric(
            "participation",
            "",
            eligible == 0 ? null : basisPoints(cast, eligible),
            BASIS_POINTS,
            "votes cast / votes that could have been cast, weighted as each clause weighs them,"
                + " over the "
                + voted
                + " proposals whose kind's clause (as the rulebook says now) has a vote; an"
                + " abstention is participation; it does not know who was unable to vote"));

    List<Long> decisionTimes = new ArrayList<>();
    for (ProposalView p : proposals) {
      if (p.closedAtMillis() != null && !p.status().equals("expired")) {
        decisionTimes.add(p.closedAtMillis() - p.openedAtMillis());
      }
    }
    decisionTimes.sort(null);
    String decided =
        "from the accepted time of the proposal to that of the entry that executed or rejected"
            + " it, over the "
            + decisionTimes.size()
            + " decided proposals; open and expired ones are left out";
    out.add(
        new Metric(
            "decision_time_median",
            "",
            decisionTimes.isEmpty() ? null : decisionTimes.get((decisionTimes.size() - 1) / 2),
            MILLIS,
            decided + " (the lower median)"));
    out.add(
        new Metric(
            "decision_time_max",
            "",
            decisionTimes.isEmpty() ? null : decisionTimes.get(decisionTimes.size() - 1),
            MILLIS,
            decided));

    SortedMap<String, Long> byAuthor = new TreeMap<>();
    SortedMap<String, Long> byApprover = new TreeMap<>();
    for (ProposalView p : proposals) {
      byAuthor.merge(p.author(), 1L, Long::sum);
      p.approvals().keySet().forEach(a -> byApprover.merge(a, 1L, Long::sum));
    }
    out.add(
        top(
            state,
            "top_proposer_share",
            byAuthor,
            "the share of all proposals opened by the member who opened most (ties: the lowest"
                + " member id); a high share means one member sets the agenda"));
    out.add(
        top(
            state,
            "top_approver_share",
            byApprover,
            "the share of all approvals given by the member who gave most (ties: the lowest"
                + " member id); a high share means one member's signature carries most decisions"));

    long raised = proposals.stream().filter(p -> p.kind().equals("decision")).count();
    long carried =
        proposals.stream()
            .filter(p -> p.kind().equals("decision") && p.status().equals("executed"))
            .count();
    String community =
        "proposals of kind decision, which any member may raise; the ledger cannot tell where"
            + " the idea came from";
    out.add(new Metric("community_decisions_raised", "", raised, COUNT, community));
    out.add(new Metric("community_decisions_executed", "", carried, COUNT, community));
  }

  private static Metric top(
      CoopState state, String name, SortedMap<String, Long> counts, String note) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return new Metric(name, "", null, BASIS_POINTS, note);
    }
    Map.Entry<String, Long> best = null;
    for (Map.Entry<String, Long> e : counts.entrySet()) { // ascending ids: the first of a tie wins
      if (best == null || e.getValue() > best.getValue()) {
        best = e;
      }
    }
    return new Metric(
        name,
        MoneyJournal.name(state, new MemberId(best.getKey())),
        basisPoints(best.getValue(), total),
        BASIS_POINTS,
        note);
  }

  /** {@code floor(part * 10,000 / whole)}, without overflow. */
  static long basisPoints(long part, long whole) {
    return BigInteger.valueOf(part)
        .multiply(BigInteger.valueOf(10_000))
        .divide(BigInteger.valueOf(whole))
        .longValueExact();
  }

  private static void drops(CoopState state, List<Metric> out) {
    for (Drop drop : state.money().drops().values()) {
      out.add(
          new Metric(
              "drop_units_sold",
              drop.name(),
              drop.sold(),
              COUNT,
              "units recorded as sold on the ledger, of a supply cap of " + drop.supplyCap()));
      out.add(
          new Metric(
              "drop_sell_through",
              drop.name(),
              drop.supplyCap() == 0 ? null : basisPoints(drop.sold(), drop.supplyCap()),
              BASIS_POINTS,
              "units sold / supply cap; sales not recorded on the ledger are not known"));
    }
  }
}
