package org.coopledger.governance.action;

import org.coopledger.governance.error.CoopException;

/** An action field has the wrong shape (code {@code INVALID_ACTION}). */
public final class InvalidActionException extends CoopException {
  private static final long serialVersionUID = 1L;

  public InvalidActionException(String message) {
    super("INVALID_ACTION", message);
  }
}
