package org.coopledger.node.anchor;

import java.time.Instant;
import org.coopledger.contracts.anchor.AnchorReceipt;

/**
 * One checkpoint this node anchored: what (tree size, root), where (ledger id, block, transaction),
 * at what cost and when (ISO-8601 UTC). Hashes are {@code 0x}-prefixed hex, as on chain.
 */
public record AnchorRecord(
    long treeSize,
    String rootHash,
    String ledgerId,
    long blockNumber,
    String txHash,
    long gasUsed,
    String anchoredAt) {
  public AnchorRecord {
    if (treeSize <= 0 || rootHash == null || ledgerId == null || txHash == null) {
      throw new IllegalArgumentException("an anchor record needs a size, root, ledger and tx");
    }
  }

  static AnchorRecord of(AnchorReceipt receipt, Instant at) {
    return new AnchorRecord(
        receipt.anchor().treeSize(),
        receipt.anchor().rootHash().hex(),
        receipt.anchor().ledgerId().toString(),
        receipt.anchor().blockNumber(),
        receipt.anchor().txHash().hex(),
        receipt.gasUsed(),
        at.toString());
  }
}
