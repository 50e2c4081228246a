/**
 * What an entry says, as plain immutable records: the envelope ({@link
 * org.coopledger.governance.action.Entry}) and every action a co-op can take. The wire format lives
 * in {@code entry}; these records are what the state machine reads. Factories validate the shape of
 * each field (names, roles, currencies, amounts) and throw {@link
 * org.coopledger.governance.action.InvalidActionException}; whether an action is allowed in a given
 * state is decided by the state machine.
 */
package org.coopledger.governance.action;
