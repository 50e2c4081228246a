/**
 * Deterministic demo co-ops for tests, the CLI's {@code coop node --demo} and the load generator:
 * keys derived from names, entries signed with increasing nonces, and a ready-made story ledger.
 * Never use these keys for a real co-op: anyone can derive them.
 */
package org.coopledger.testkit;
