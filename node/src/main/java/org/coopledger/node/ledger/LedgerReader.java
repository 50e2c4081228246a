package org.coopledger.node.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.HashSource;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.node.store.LedgerStore.StoredCheckpoint;

/**
 * What the HTTP handlers, the checkpointer and the metrics may see of the ledger: published views,
 * records, tree hashes and checkpoints, never a way to write. Everything here reflects durable
 * state only (a view is published after its batch is synced). Thread-safe.
 */
public interface LedgerReader {
  /** The latest published view. */
  LedgerView view();

  /** The tree's stored complete-subtree hashes, for proofs. */
  HashSource hashes();

  /** The root of the first {@code size} records ({@code size} at most the tree size). */
  Hash root(long size);

  /** The record bytes (the exact Merkle leaf input) at {@code index}, if below the tree size. */
  Optional<byte[]> record(long index);

  /** Records [start, start+limit) that exist, in order. */
  List<byte[]> records(long start, int limit);

  /**
   * Records [start, start+limit) that exist, in order, but no more than fit in {@code maxBytes} (at
   * least one, if any exists at {@code start}): a page of large entries stays small.
   */
  List<byte[]> records(long start, int limit, long maxBytes);

  /**
   * Where the published ledger holds exactly {@code entry}'s signed bytes, if it does: the result
   * its first submission got, marked a duplicate. It tells nothing a reader of the entries could
   * not see.
   */
  Optional<RecordResult.Accepted> held(CheckedEntry entry);

  /** The tree size and the Raft position of the store's last write, read together. */
  LedgerStore.Position position();

  /** The checkpoint note with the largest tree size, if any. */
  Optional<StoredCheckpoint> latestCheckpoint();

  /** The checkpoint note stored for exactly {@code size}, if any. */
  Optional<StoredCheckpoint> checkpoint(long size);

  /** Calls {@code listener} on the apply thread after each published batch; keep it short. */
  void onPublish(Consumer<LedgerView> listener);
}
