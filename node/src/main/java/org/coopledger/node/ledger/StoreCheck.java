package org.coopledger.node.ledger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.HashSource;
import org.coopledger.governance.merkle.Proofs;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.node.store.LedgerStore.StoredCheckpoint;
import org.coopledger.node.store.StoreException;

/**
 * Checks a store before the node serves it: the last checkpoint is signed by this node and its root
 * is what the stored hashes give for its size; the newest records hash to the stored leaf hashes;
 * the governance state is there. The cost is bounded by {@code recentRecords}, not by the ledger's
 * length (pass -1 to re-hash every record).
 */
public final class StoreCheck {
  private static final Logger LOG = Logger.getLogger(StoreCheck.class.getName());
  private static final int PAGE = 1024;

  private StoreCheck() {}

  /**
   * Checks the store and returns how many records it re-hashed.
   *
   * @throws StoreException with code {@code STORE_CORRUPT} and a message naming what is wrong
   */
  public static long run(LedgerStore store, Optional<NoteVerifier> nodeKey, long recentRecords) {
    long size = store.treeSize();
    HashSource hashes = new StoreHashSource(store);
    if (size > 0 && store.state().isEmpty()) {
      throw corrupt("the store holds " + size + " records but no governance state");
    }
    StoredCheckpoint checkpoint = store.latestCheckpoint().orElse(null);
    if (checkpoint != null) {
      checkCheckpoint(
          checkpoint,
          size,
          hashes,
          nodeKey.orElseThrow(
              () -> corrupt("the store holds a checkpoint but no genesis entry to name it")));
    }
    long from = recentRecords < 0 ? 0 : Math.max(0, size - recentRecords);
    for (long start = from; start < size; start += PAGE) {
      List<byte[]> records = store.records(start, PAGE);
      long expected = Math.min(PAGE, size - start);
      if (records.size() != expected) {
        throw corrupt(
            "records "
                + start
                + ".."
                + (start + expected - 1)
                + " are incomplete: found "
                + records.size()
                + " of "
                + expected);
      }
      for (int i = 0; i < records.size(); i++) {
        long index = start + i;
        Hash stored = hashes.subtree(0, index);
        if (!TreeHasher.leafHash(records.get(i)).equals(stored)) {
          throw corrupt("record " + index + " does not hash to its stored leaf hash " + stored);
        }
      }
    }
    LOG.info(
        "store check passed: "
            + size
            + " records, newest "
            + (size - from)
            + " re-hashed, checkpoint "
            + (checkpoint == null ? "none" : "at " + checkpoint.treeSize())
            + " matches");
    return size - from;
  }

  private static void checkCheckpoint(
      StoredCheckpoint stored, long size, HashSource hashes, NoteVerifier nodeKey) {
    SignedCheckpoint checkpoint;
    try {
      checkpoint = SignedCheckpoint.verify(stored.note().getBytes(StandardCharsets.UTF_8), nodeKey);
    } catch (CoopException e) {
      throw corrupt(
          "the stored checkpoint at size "
              + stored.treeSize()
              + " is not validly signed by this node's key: "
              + e.getMessage());
    }
    long checkpointSize = checkpoint.checkpoint().size();
    if (checkpointSize > size) {
      throw corrupt(
          "the last checkpoint covers "
              + checkpointSize
              + " records but the store holds only "
              + size
              + ": acknowledged records are missing");
    }
    Hash root;
    try {
      root = Proofs.root(hashes, checkpointSize);
    } catch (StoreException e) {
      throw corrupt("cannot recompute the root at size " + checkpointSize + ": " + e.getMessage());
    }
    if (!root.equals(Hash.of(checkpoint.checkpoint().rootHash()))) {
      throw corrupt(
          "the stored tree gives root "
              + root.base64()
              + " at size "
              + checkpointSize
              + " but the checkpoint signed "
              + Hash.of(checkpoint.checkpoint().rootHash()).base64());
    }
  }

  private static StoreException corrupt(String message) {
    return new StoreException("STORE_CORRUPT", "the ledger store is corrupt: " + message);
  }
}
