/**
 * The governance engine: the deterministic state machine ({@link
 * org.coopledger.governance.engine.StateMachine}: state + record -> state | rejection), the state
 * it works on ({@link org.coopledger.governance.engine.CoopState}, members, proposals, balances),
 * the stable rejection codes ({@link org.coopledger.governance.engine.Rejection}) and {@link
 * org.coopledger.governance.engine.Replay}, the one replay of a ledger from genesis. No wall clock,
 * randomness or unordered iteration: replaying the same records gives the same state digest.
 */
package org.coopledger.governance.engine;
