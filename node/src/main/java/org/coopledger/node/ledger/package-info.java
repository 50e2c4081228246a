/**
 * The node's ledger: the governance state machine and the Merkle tree applied group by group on top
 * of the store ({@link org.coopledger.node.ledger.Ledger}), what an entry is after the node's
 * checks ({@link org.coopledger.node.ledger.CheckedEntry}), and the read-only view everything but
 * the apply thread gets ({@link org.coopledger.node.ledger.LedgerReader}). Knows nothing of Raft or
 * HTTP.
 */
package org.coopledger.node.ledger;
