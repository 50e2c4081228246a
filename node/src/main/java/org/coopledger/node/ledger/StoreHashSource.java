package org.coopledger.node.ledger;

import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.HashSource;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.node.store.StoreException;

/** The Merkle tree's complete-subtree hashes as the store holds them. */
final class StoreHashSource implements HashSource {
  private final LedgerStore store;

  StoreHashSource(LedgerStore store) {
    this.store = store;
  }

  @Override
  public Hash subtree(int level, long index) {
    byte[] hash = store.subtree(level, index);
    if (hash == null) {
      throw new StoreException(
          "STORE_CORRUPT",
          "the store has no hash for the complete subtree at level " + level + ", index " + index);
    }
    return Hash.of(hash);
  }
}
