package org.coopledger.node.ledger;

import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.merkle.Frontier;
import org.coopledger.governance.merkle.Hash;

/**
 * A consistent, immutable snapshot of the ledger as readers see it: the tree size, its right edge
 * (hence its root) and the governance state after the last record. Published atomically after each
 * durable batch.
 */
public record LedgerView(Frontier frontier, CoopState state) {
  public long treeSize() {
    return frontier.size();
  }

  public Hash root() {
    return frontier.root();
  }
}
