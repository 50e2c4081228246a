package org.coopledger.contracts.anchor;

import org.coopledger.contracts.chain.ChainException;

/**
 * The CheckpointAnchor contract refused a request, or what it holds is not what it should be. None
 * of these is fixed by retrying.
 */
public final class AnchorException extends ChainException {
  private static final long serialVersionUID = 1L;

  /** The account is not allowed to anchor this ledger id: ask its admin to add it. */
  public static final String NOT_ANCHORER = "ANCHOR_NOT_ANCHORER";

  /** Only the ledger id's admin may change who anchors it. */
  public static final String NOT_ADMIN = "ANCHOR_NOT_ADMIN";

  /** This account already registered this name. */
  public static final String ALREADY_REGISTERED = "ANCHOR_ALREADY_REGISTERED";

  /** The tree size is not larger than the latest anchored one. */
  public static final String TREE_SIZE_NOT_GROWING = "ANCHOR_TREE_SIZE_NOT_GROWING";

  /** The chain's storage and its Anchored event disagree, or the event is missing. */
  public static final String INCONSISTENT = "ANCHOR_INCONSISTENT";

  public AnchorException(String code, String message) {
    super(code, message);
  }

  public AnchorException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
