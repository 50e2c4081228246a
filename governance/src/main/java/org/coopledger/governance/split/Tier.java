package org.coopledger.governance.split;

import java.util.List;
import java.util.Optional;
import org.coopledger.governance.action.RegionPrice;

/**
 * A membership tier (docs/money.md#tiers) and every version of its regional price list, oldest
 * first; the last is in force. Revenue from {@code subscription:<name>} counts subscriber-months at
 * the price in force for its region. Immutable.
 */
public record Tier(String name, List<Prices> versions) {
  public Tier {
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a tier has at least one price list");
    }
  }

  /** Version {@code version} of a tier's price list, adopted at {@code adoptedAtMillis}. */
  public record Prices(int version, long adoptedAtMillis, List<RegionPrice> prices) {
    public Prices {
      prices = List.copyOf(prices);
    }
  }

  /** The price list in force. */
  public Prices current() {
    return versions.get(versions.size() - 1);
  }

  /** The price in force in {@code region}, if the tier is sold there. */
  public Optional<RegionPrice> price(String region) {
    return current().prices().stream().filter(p -> p.region().equals(region)).findFirst();
  }

  /** This tier with {@code prices} as its next version, adopted at {@code atMillis}. */
  public Tier with(List<RegionPrice> prices, long atMillis) {
    List<Prices> next = new java.util.ArrayList<>(versions);
    next.add(new Prices(versions.size() + 1, atMillis, prices));
    return new Tier(name, next);
  }

  /** A new tier whose first price list is {@code prices}, adopted at {@code atMillis}. */
  public static Tier first(String name, List<RegionPrice> prices, long atMillis) {
    return new Tier(name, List.of(new Prices(1, atMillis, prices)));
  }
}
