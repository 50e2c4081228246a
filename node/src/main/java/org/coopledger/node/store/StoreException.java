package org.coopledger.node.store;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * The store could not be read or written, or its contents are inconsistent. Not a client mistake:
 * the HTTP layer answers 503 (retry later, or ask the operator).
 */
public final class StoreException extends CoopException {
  private static final long serialVersionUID = 1L;

  public StoreException(String code, String message) {
    super(ErrorCode.of(code, ErrorCategory.NODE_FAULT), message);
  }

  public StoreException(String code, String message, Throwable cause) {
    super(ErrorCode.of(code, ErrorCategory.NODE_FAULT), message, cause);
  }
}
