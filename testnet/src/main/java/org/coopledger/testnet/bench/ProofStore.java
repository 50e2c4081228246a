package org.coopledger.testnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.node.ledger.CheckedEntry;
import org.coopledger.node.ledger.Ledger;
import org.coopledger.node.ledger.NewRecord;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.testkit.CoopFixture;
import org.coopledger.testnet.load.VoteLoad;

/**
 * Builds a large ledger for the proof benchmark without going through HTTP and Raft, with the
 * node's own code: every entry is a real vote signed by a member key, its signature is verified (on
 * all cores, as the node checks a submitted batch: {@link CheckedEntry}), the governance state
 * machine applies it ({@link Ledger#apply}) and {@link LedgerStore#commit} writes record, tree
 * hashes and state in synced batches. A node started on the directory afterwards serves exactly
 * what it would serve had the entries been submitted one by one (only the acceptance times are
 * closer together). The Raft log starts empty: the store records no applied Raft index, so the
 * node's first log entry is applied normally.
 */
final class ProofStore {
  /** The co-op of built stores. */
  static final String COOP_ID = "bench-proofs";

  private static final int SIGN_CHUNK = 16_384;
  private static final int COMMIT_BATCH = 1_024;

  private ProofStore() {}

  /**
   * Makes sure {@code dataDir} holds a ledger of at least {@code entries} entries: reuses one built
   * before, or builds it.
   *
   * @return the ledger's size
   * @throws IllegalStateException if {@code dataDir} holds a smaller ledger (the bench never
   *     appends to a ledger it did not build in one go)
   */
  static long prepare(Path dataDir, long entries, LongConsumer progress) {
    Path ledgerDir = dataDir.resolve("ledger");
    boolean existed = Files.isDirectory(ledgerDir);
    try (LedgerStore store = LedgerStore.open(ledgerDir)) {
      long size = store.treeSize();
      if (size >= entries) {
        return size;
      }
      if (existed && size > 0) {
        throw new IllegalStateException(
            dataDir
                + " holds a ledger of "
                + size
                + " entries, fewer than the "
                + entries
                + " asked for; give an empty or new directory");
      }
      build(store, entries, progress);
      return store.treeSize();
    }
  }

  private static void build(LedgerStore store, long entries, LongConsumer progress) {
    if (entries < 3 || entries > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a proof store has 3 to 2^31-1 entries, not " + entries);
    }
    Ledger ledger = Ledger.open(store);
    // Entries are accepted at the wall-clock time of the build: they must be created then too
    // (each member bounds the accepted time of their entries).
    VoteLoad load = VoteLoad.of(COOP_ID, VoteLoad.MAX_MEMBERS, 0, System.currentTimeMillis());
    byte[] proposal = load.proposal("proof benchmark");
    long acceptedAt = commit(store, ledger, List.of(load.genesis(), proposal), 0);
    int votes = (int) (entries - 2);
    for (int from = 0; from < votes; from += SIGN_CHUNK) {
      List<byte[]> chunk =
          load.votes(CoopFixture.idOf(proposal), from, Math.min(SIGN_CHUNK, votes - from));
      for (int i = 0; i < chunk.size(); i += COMMIT_BATCH) {
        acceptedAt =
            commit(
                store,
                ledger,
                chunk.subList(i, Math.min(chunk.size(), i + COMMIT_BATCH)),
                acceptedAt);
      }
      progress.accept(store.treeSize());
    }
  }

  /**
   * Checks (signatures on all cores), applies and commits one batch accepted at the current time,
   * but never before {@code notBefore}; returns that time.
   */
  private static long commit(
      LedgerStore store, Ledger ledger, List<byte[]> signedEntries, long notBefore) {
    long acceptedAt = Math.max(notBefore, System.currentTimeMillis());
    CoopState snapshot = ledger.view().state();
    List<NewRecord> records =
        signedEntries.parallelStream()
            .map(entry -> NewRecord.of(CheckedEntry.check(entry, snapshot), acceptedAt))
            .toList();
    LedgerBatch batch = new LedgerBatch(store.treeSize());
    Ledger.Applied applied = ledger.apply(records, batch);
    for (RecordResult result : applied.results()) {
      if (result instanceof RecordResult.Rejected rejected) {
        throw new IllegalStateException(
            "the state machine refused a bench entry: "
                + rejected.code()
                + " "
                + rejected.message());
      }
    }
    store.commit(batch);
    applied.publish();
    return acceptedAt;
  }
}
