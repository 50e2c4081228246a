package org.coopledger.node.ledger;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCode;

/** The ledger refused a submitted entry; the ledger is unchanged. The code is the engine's. */
public final class EntryRejectedException extends CoopException {
  private static final long serialVersionUID = 1L;

  public EntryRejectedException(ErrorCode code, String message) {
    super(code, message);
  }
}
