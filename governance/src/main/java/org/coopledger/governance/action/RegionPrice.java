package org.coopledger.governance.action;

import java.util.regex.Pattern;

/**
 * A membership tier's price in one region (docs/money.md#tiers): one subscriber-month of the tier
 * in {@code region} costs {@code amountMinor} of {@code currency}. Regions are the co-op's own
 * lower-case names ({@code eu}, {@code in}, {@code latam}); purchasing-power-parity pricing gives
 * each its own price, and each may have its own currency (the ledger never converts).
 */
public record RegionPrice(String region, long amountMinor, String currency) {
  private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  public RegionPrice {
    region = region(region, "price region");
    Fields.positiveAmount(amountMinor, "tier price");
    Fields.currency(currency);
  }

  /**
   * Whether {@code region} is a region name: lower-case letters, digits, '_' or '-', at most 32.
   */
  public static boolean isRegion(String region) {
    return region != null && REGION.matcher(region).matches();
  }

  static String region(String region, String what) {
    if (!isRegion(region)) {
      throw new InvalidActionException(
          what
              + " '"
              + region
              + "' is not a region name (lower-case letters, digits, '_' or '-', at most 32,"
              + " starting with a letter or digit)");
    }
    return region;
  }
}
