/**
 * The node's own key and its checkpoints: the key is created on first start in the data directory
 * (owner-only file) and signs nothing but C2SP checkpoints of the ledger, made every N entries or T
 * milliseconds.
 */
package org.coopledger.node.checkpoint;
