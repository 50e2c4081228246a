/**
 * {@code coop audit}: re-checks a node's ledger from scratch with nothing but the governance module
 * and HTTP. Every check fails closed with a {@link
 * org.coopledger.governance.error.VerificationException} naming the first entry or check that did
 * not hold.
 */
package org.coopledger.cli.audit;
