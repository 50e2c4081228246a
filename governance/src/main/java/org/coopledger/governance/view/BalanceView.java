package org.coopledger.governance.view;

/** What the co-op owes one member in one currency, in minor units. */
public record BalanceView(String memberId, String name, String currency, long amountMinor) {}
