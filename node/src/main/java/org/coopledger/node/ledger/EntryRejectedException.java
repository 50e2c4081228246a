package org.coopledger.node.ledger;

import org.coopledger.governance.error.CoopException;

/** The ledger refused a submitted entry; the ledger is unchanged. The code is the engine's. */
public final class EntryRejectedException extends CoopException {
  private static final long serialVersionUID = 1L;

  public EntryRejectedException(String code, String message) {
    super(code, message);
  }
}
