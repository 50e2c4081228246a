/**
 * Read models of a {@link org.coopledger.governance.engine.CoopState}: plain records of strings,
 * numbers, lists and sorted maps that a node serves as JSON and the CLI prints. Built on demand,
 * never stored; proposal clause status is evaluated "as of" a time the caller gives.
 */
package org.coopledger.governance.view;
