package org.coopledger.node;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/** The node could not start for a reason its operator can fix (e.g. the port is taken). */
public final class NodeStartException extends CoopException {
  private static final long serialVersionUID = 1L;

  public NodeStartException(String code, String message) {
    super(ErrorCode.of(code, ErrorCategory.NODE_FAULT), message);
  }
}
