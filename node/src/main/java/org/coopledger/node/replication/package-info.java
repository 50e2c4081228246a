/**
 * The write path: an Apache Ratis state machine. A single node is a one-peer Raft group, so the
 * same code path serves a laptop and a cluster. Submitted entries, already decoded and
 * signature-checked, are grouped into one Raft log entry ({@link
 * org.coopledger.node.replication.GroupCommitter}); {@link
 * org.coopledger.node.replication.LedgerStateMachine} applies each one deterministically and writes
 * the whole log entry's effects in one synced RocksDB batch before the submitters hear back. Ratis
 * snapshots are markers: the state is already durable in RocksDB with the Raft index it reflects,
 * so a restart replays at most the log tail since the last snapshot.
 */
package org.coopledger.node.replication;
