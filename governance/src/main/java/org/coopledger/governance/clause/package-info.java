/**
 * The approval-clause language of the rulebook: a small expression language that says which
 * signatures, votes, timelocks and vetoes an action needs before it may take effect.
 *
 * <p>Text is parsed by {@link org.coopledger.governance.clause.ClauseParser} into an immutable AST
 * (the sealed {@link org.coopledger.governance.clause.Clause} and its records), printed back in one
 * canonical form by {@link org.coopledger.governance.clause.ClausePrinter}, and evaluated
 * deterministically by {@link org.coopledger.governance.clause.Clause#evaluate} against a {@link
 * org.coopledger.governance.clause.ClauseContext} that the state machine builds from ledger state.
 * Nothing here reads a clock or depends on map iteration order. The language is documented for
 * co-op members in {@code docs/clauses.md}.
 */
package org.coopledger.governance.clause;
