/**
 * Replication: an Apache Ratis state machine. A single node is a one-peer Raft group, so the same
 * code path serves a laptop and a cluster. {@link org.coopledger.node.replication.Replicator} puts
 * a group of checked entries into the Raft log as one log entry (on the leader straight into its
 * own server, the checked entries riding along as the transaction's context); {@link
 * org.coopledger.node.replication.LedgerStateMachine} hands each log entry to the ledger and writes
 * its effects in one synced RocksDB batch before the submitters hear back. Ratis snapshots are
 * markers: the state is already durable in RocksDB with the Raft index it reflects, so a restart
 * replays at most the log tail since the last snapshot.
 */
package org.coopledger.node.replication;
