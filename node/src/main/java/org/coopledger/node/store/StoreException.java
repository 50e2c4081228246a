package org.coopledger.node.store;

import org.coopledger.governance.error.CoopException;

/**
 * The store could not be read or written, or its contents are inconsistent. Not a client mistake:
 * the HTTP layer answers 503 (retry later, or ask the operator).
 */
public final class StoreException extends CoopException {
  private static final long serialVersionUID = 1L;

  public StoreException(String code, String message) {
    super(code, message);
  }

  public StoreException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
