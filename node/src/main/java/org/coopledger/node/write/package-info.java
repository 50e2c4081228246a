/**
 * The write path's front: {@link org.coopledger.node.write.Submitter} checks submitted entries
 * (decode, co-op, signatures) on the callers' threads, and {@link
 * org.coopledger.node.write.Batcher} groups them for a flush function (replication) with bounded
 * waiting, so that consensus and fsync are paid once per group. Chain: http → write → replication →
 * ledger → store.
 */
package org.coopledger.node.write;
