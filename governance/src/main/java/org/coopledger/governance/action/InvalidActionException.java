package org.coopledger.governance.action;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/** An action field has the wrong shape (code {@code INVALID_ACTION}). */
public final class InvalidActionException extends CoopException {
  private static final long serialVersionUID = 1L;

  public InvalidActionException(String message) {
    super(ErrorCode.of("INVALID_ACTION", ErrorCategory.CLIENT_MISTAKE), message);
  }
}
