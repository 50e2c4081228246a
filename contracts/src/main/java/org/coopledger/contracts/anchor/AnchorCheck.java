package org.coopledger.contracts.anchor;

import java.util.List;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.ConsistencyProof;
import org.coopledger.governance.merkle.Hash;

/**
 * The auditor's anchor check: a node's current checkpoint must extend what was anchored on chain.
 * If the node rewrote, dropped or reordered anything at or before the anchored size, no consistency
 * proof from the anchored root to its current root exists, and this check fails. Pure: the caller
 * fetches the anchor (with {@link AnchorReader}) and the node's checkpoint and proof, and verifies
 * the checkpoint's signature itself.
 */
public final class AnchorCheck {
  /** The node's checkpoint is smaller than the anchored tree: it lost or hides entries. */
  public static final String NODE_BEHIND_ANCHOR = "NODE_BEHIND_ANCHOR";

  /** The node's history does not contain the anchored checkpoint. */
  public static final String HISTORY_REWRITTEN = "HISTORY_REWRITTEN";

  private AnchorCheck() {}

  /**
   * Verifies that {@code current} extends {@code anchored}.
   *
   * @param path the node's consistency proof from the anchored size to the current size (empty when
   *     the sizes are equal)
   * @throws VerificationException ({@link #NODE_BEHIND_ANCHOR} or {@link #HISTORY_REWRITTEN})
   *     naming both checkpoints
   */
  public static void verify(Anchor anchored, Checkpoint current, List<Hash> path) {
    String where =
        "anchored checkpoint (size "
            + anchored.treeSize()
            + ", root "
            + anchored.rootHash()
            + ", block "
            + anchored.blockNumber()
            + ", tx "
            + anchored.txHash()
            + ")";
    if (current.size() < anchored.treeSize()) {
      throw new VerificationException(
          NODE_BEHIND_ANCHOR,
          "the node's checkpoint has "
              + current.size()
              + " entries, fewer than the "
              + where
              + ": the node lost or hides entries");
    }
    try {
      new ConsistencyProof(anchored.treeSize(), current.size(), path)
          .verify(Hash.of(anchored.rootHash().toArray()), Hash.of(current.rootHash()));
    } catch (VerificationException e) {
      throw new VerificationException(
          HISTORY_REWRITTEN,
          "the node's checkpoint (size "
              + current.size()
              + ") does not extend the "
              + where
              + ": its history was rewritten ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
