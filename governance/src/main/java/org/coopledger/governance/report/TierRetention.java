package org.coopledger.governance.report;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Revenue retention by membership tier per cohort month (docs/money.md#metrics): for each tier and
 * currency, the month its revenue started is the cohort month, and each month from then to the
 * ledger's last is that month's revenue of the tier as a share of the cohort month's.
 *
 * <p>The ledger sees revenue, not subscribers: it cannot tell the cohort month's subscribers from
 * those who joined later, so this is net revenue retention of one cohort per tier — new subscribers
 * and price rises count as revenue kept (the figure can exceed 10,000 bp), and subscribers who left
 * are hidden by those who joined.
 */
final class TierRetention {
  static final String NAME = "tier_revenue_retention";

  private TierRetention() {}

  /** One metric per tier, currency and month from the cohort month to {@code lastMillis}'s. */
  static List<Metrics.Metric> of(List<RevenueLine> revenue, long lastMillis) {
    // tier -> currency -> month -> amount
    SortedMap<String, SortedMap<String, SortedMap<YearMonth, Long>>> sums = new TreeMap<>();
    for (RevenueLine r : revenue) {
      if (r.region().isEmpty()) {
        continue;
      }
      sums.computeIfAbsent(r.tier(), t -> new TreeMap<>())
          .computeIfAbsent(r.currency(), c -> new TreeMap<>())
          .merge(month(r.atMillis()), r.amountMinor(), Math::addExact);
    }
    List<Metrics.Metric> out = new ArrayList<>();
    if (sums.isEmpty()) {
      out.add(
          new Metrics.Metric(
              NAME,
              "",
              null,
              Metrics.BASIS_POINTS,
              "no revenue has been recorded against a membership tier yet (docs/money.md#tiers)"));
      return out;
    }
    YearMonth last = month(lastMillis);
    sums.forEach(
        (tier, byCurrency) ->
            byCurrency.forEach(
                (currency, byMonth) -> {
                  YearMonth cohort = byMonth.firstKey();
                  long base = byMonth.get(cohort);
                  for (YearMonth m = cohort; !m.isAfter(last); m = m.plusMonths(1)) {
                    long amount = byMonth.getOrDefault(m, 0L);
                    out.add(
                        new Metrics.Metric(
                            NAME,
                            tier + " " + currency + " " + m,
                            Metrics.basisPoints(amount, base),
                            Metrics.BASIS_POINTS,
                            "revenue of tier "
                                + tier
                                + " in "
                                + currency
                                + " in "
                                + m
                                + " ("
                                + amount
                                + ") / in its cohort month "
                                + cohort
                                + " ("
                                + base
                                + "); the ledger sees revenue, not subscribers: subscribers"
                                + " who joined later and price changes count as revenue kept"
                                + " (it can exceed 10000), those who left are hidden by them"));
                  }
                }));
    return out;
  }

  private static YearMonth month(long millis) {
    return YearMonth.from(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
  }
}
