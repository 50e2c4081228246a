package org.coopledger.governance.report;

/**
 * One change of one account's balance in one currency, caused by one ledger entry: a credit
 * (positive) from revenue, a debit (negative) from a payout or a pool payout.
 *
 * @param index the entry's position in the ledger (0 = genesis)
 * @param entryId the entry's id
 * @param atMillis the time it took effect
 * @param account the member id or account id whose balance moved
 * @param name the member's name, or the account's text ({@code pool:promotion})
 * @param cause {@code revenue <source>}, {@code payout} or {@code pool-payout}
 */
public record Movement(
    long index,
    String entryId,
    long atMillis,
    String account,
    String name,
    String currency,
    long amountMinor,
    String cause) {}
