package org.coopledger.contracts.anchor;

import org.coopledger.contracts.chain.Bytes32;

/**
 * A checkpoint as anchored on chain: the ledger, the tree size and root hash of the checkpoint, and
 * where it was recorded (block and transaction), so anyone can look it up again.
 */
public record Anchor(
    LedgerId ledgerId, long treeSize, Bytes32 rootHash, long blockNumber, Bytes32 txHash) {
  public Anchor {
    if (ledgerId == null || rootHash == null || txHash == null) {
      throw new IllegalArgumentException("an anchor needs a ledger id, a root and a tx hash");
    }
    if (treeSize <= 0 || blockNumber < 0) {
      throw new IllegalArgumentException(
          "an anchor has a positive tree size and a block number, got size "
              + treeSize
              + " at block "
              + blockNumber);
    }
  }
}
