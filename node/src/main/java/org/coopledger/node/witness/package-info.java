/**
 * The node as a witness of its co-op's ledger: it cosigns (C2SP tlog-cosignature/v1) the
 * checkpoints of the network's nodes that its own replicated tree confirms, over the C2SP
 * tlog-witness protocol, and gathers the other nodes' cosignatures on its own checkpoints.
 */
package org.coopledger.node.witness;
