package org.coopledger.cli.audit;

/**
 * What a passing audit established, for {@code coop audit --json} and the text summary.
 *
 * @param previousSize size of the earlier checkpoint the new one was proven to extend, or null
 * @param receipts what {@code --mine} found of your receipts, or null without it
 */
public record AuditReport(
    String node,
    String origin,
    String verifierKey,
    boolean pinnedNow,
    long treeSize,
    String rootHex,
    Long previousSize,
    String coopId,
    String stateDigest,
    ReceiptAudit.Summary receipts) {}
