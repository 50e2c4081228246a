/**
 * The node's view of its ledger: the governance state machine and the Merkle tree applied batch by
 * batch on top of the store ({@link org.coopledger.node.ledger.Ledger}), and the submission path
 * that checks entries before they reach Raft ({@link org.coopledger.node.ledger.Submitter}).
 */
package org.coopledger.node.ledger;
