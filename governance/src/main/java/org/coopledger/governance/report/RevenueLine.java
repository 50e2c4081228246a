package org.coopledger.governance.report;

/**
 * One recorded revenue: its entry, the time it took effect, its source, amount, and the split (name
 * and version; {@code ""} = the default split) it was divided over.
 */
public record RevenueLine(
    long index,
    String entryId,
    long atMillis,
    String source,
    String currency,
    long amountMinor,
    String split,
    int splitVersion) {}
