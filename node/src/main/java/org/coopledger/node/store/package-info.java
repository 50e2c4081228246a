/**
 * The node's durable store: one RocksDB database with a column family per kind of data (ledger
 * records, Merkle subtree hashes, checkpoints, materialized governance state, metadata). Everything
 * one applied Raft log entry changes is written in a single synced {@code WriteBatch}, so a crash
 * leaves all of it or none; {@link org.coopledger.node.store.StoreCheck} refuses to serve a store
 * whose contents do not add up.
 */
package org.coopledger.node.store;
