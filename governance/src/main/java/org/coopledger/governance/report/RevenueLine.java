package org.coopledger.governance.report;

/**
 * One recorded revenue: its entry, the time it took effect, its source, amount, and the split (name
 * and version; {@code ""} = the default split) it was divided over; the units it counted (a drop's
 * units sold, a tier's subscriber-months; else 0) and the region of a tier's price list it was paid
 * in ({@code ""} for anything but a tier's subscriptions).
 */
public record RevenueLine(
    long index,
    String entryId,
    long atMillis,
    String source,
    String currency,
    long amountMinor,
    String split,
    int splitVersion,
    long units,
    String region) {

  /** The tier whose subscription revenue this is ("" if it was not recorded against a tier). */
  public String tier() {
    return region.isEmpty() ? "" : org.coopledger.governance.action.RecordRevenue.tierOf(source);
  }
}
