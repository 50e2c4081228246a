package org.coopledger.governance.engine;

import java.util.stream.Collectors;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.RegionPrice;
import org.coopledger.governance.split.Tier;

/**
 * The rules of membership tiers (docs/money.md#tiers): a tier's price list is set by a proposal
 * under the rulebook's {@code tier} clause, and revenue from a defined tier's subscriptions names a
 * region of that list and counts subscriber-months at its price, so that revenue recorded against a
 * tier and region is always a whole number of months at the price the co-op decided.
 */
final class TierRules {
  private TierRules() {}

  /** Puts the price list in force (defining the tier if it is new); returns a summary. */
  static String price(StateMachine.Step step, Governed.TierChange change) {
    Tier tier =
        step.next
            .money()
            .tier(change.tier())
            .map(t -> t.with(change.prices(), step.now))
            .orElseGet(() -> Tier.first(change.tier(), change.prices(), step.now));
    step.next.money(step.next.money().withTier(tier));
    return "tier "
        + tier.name()
        + " v"
        + tier.current().version()
        + ": "
        + change.prices().stream()
            .map(p -> p.region() + " " + p.amountMinor() + " " + p.currency())
            .collect(Collectors.joining(", "));
  }

  /**
   * Checks revenue against the tiers: revenue from a defined tier's subscriptions ({@code
   * subscription:<tier>}) names a region the tier is sold in and is exactly that region's price
   * times the subscriber-months it counts, in the region's currency; only such revenue names a
   * region, and subscription revenue of no defined tier counts no months.
   */
  static void subscribe(StateMachine.Step step, RecordRevenue revenue) {
    String source = revenue.source();
    String name = RecordRevenue.tierOf(source);
    Tier tier = name.isEmpty() ? null : step.before.money().tier(name).orElse(null);
    if (tier == null) {
      if (!revenue.region().isEmpty() || (!name.isEmpty() && revenue.units() != 0)) {
        throw new Rejection(
            RejectionCode.UNKNOWN_TIER,
            "only a defined tier's subscriptions (subscription:<tier>) name a region and count"
                + " months; "
                + source
                + " is no defined tier's (a tier proposal defines it)");
      }
      return;
    }
    String regions =
        tier.current().prices().stream().map(RegionPrice::region).collect(Collectors.joining(", "));
    if (revenue.region().isEmpty()) {
      throw new Rejection(
          RejectionCode.UNKNOWN_REGION,
          source
              + " is revenue of tier "
              + name
              + ": it names the region it was paid in, one of "
              + regions);
    }
    RegionPrice price =
        tier.price(revenue.region())
            .orElseThrow(
                () ->
                    new Rejection(
                        RejectionCode.UNKNOWN_REGION,
                        "tier "
                            + name
                            + " is not sold in region "
                            + revenue.region()
                            + "; its price list v"
                            + tier.current().version()
                            + " has "
                            + regions));
    long expected;
    try {
      expected = Math.multiplyExact(revenue.units(), price.amountMinor());
    } catch (ArithmeticException e) {
      expected = -1;
    }
    if (revenue.units() < 1
        || !revenue.currency().equals(price.currency())
        || expected != revenue.amountMinor()) {
      throw new Rejection(
          RejectionCode.PRICE_MISMATCH,
          "tier "
              + name
              + " in region "
              + revenue.region()
              + " costs "
              + price.amountMinor()
              + " "
              + price.currency()
              + " minor units a month (price list v"
              + tier.current().version()
              + "); got "
              + revenue.units()
              + " months for "
              + revenue.amountMinor()
              + " "
              + revenue.currency());
    }
  }
}
