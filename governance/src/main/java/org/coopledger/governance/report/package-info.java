/**
 * Money reports (docs/money.md#reports): revenue by source and by month, each member's or account's
 * statement, pools' balances and movements. Computed from a {@link
 * org.coopledger.governance.report.MoneyJournal} gathered while replaying a ledger, so an auditor
 * recomputes every figure from the ledger alone; each report names the tree size and state digest
 * it was computed at. Pure: no I/O, no clock.
 */
package org.coopledger.governance.report;
