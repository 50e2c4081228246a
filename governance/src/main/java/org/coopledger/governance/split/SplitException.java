package org.coopledger.governance.split;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/** A split or a balance operation is not allowed; {@link #code()} says why. */
public final class SplitException extends CoopException {
  private static final long serialVersionUID = 1L;

  public SplitException(String code, String message) {
    super(ErrorCode.of(code, ErrorCategory.RULES_NOT_MET), message);
  }
}
