package org.coopledger.governance.action;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/** An action field has the wrong shape (code {@code INVALID_ACTION} unless a field has its own). */
public final class InvalidActionException extends CoopException {
  private static final long serialVersionUID = 1L;

  public InvalidActionException(String message) {
    super(ErrorCode.of("INVALID_ACTION", ErrorCategory.CLIENT_MISTAKE), message);
  }

  /** A field with a code of its own, e.g. {@code BAD_RECEIPT_HASH}. */
  public InvalidActionException(String code, String message) {
    super(ErrorCode.of(code, ErrorCategory.CLIENT_MISTAKE), message);
  }
}
