package org.coopledger.node.replication;

import java.util.List;
import org.coopledger.node.replication.proto.EntryResult;
import org.coopledger.node.store.LedgerBatch;

/**
 * The deterministic part of applying one Raft log entry: the governance rules and the Merkle tree.
 * Called only by the Raft apply thread, in log order.
 */
public interface BatchApplier {
  /**
   * Applies {@code records} (serialized LedgerRecords) in order on top of the last published state,
   * adding every accepted record, its tree hashes and the resulting state to {@code batch}. Must
   * depend on nothing but the records and the published state (no clock, no randomness). Nothing
   * becomes visible to readers until {@link Applied#publish()}.
   */
  Applied apply(List<byte[]> records, LedgerBatch batch);

  /** The outcome of {@link #apply}, one result per record. */
  interface Applied {
    List<EntryResult> results();

    /** Makes the new state visible; called once the batch is durable. */
    void publish();
  }
}
