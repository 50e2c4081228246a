package org.coopledger.api.client;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * The node could not be asked: nothing listens at the URL, it timed out, it failed (5xx), or it
 * answered with something that is not the coopledger API. Trying again later, or another node, may
 * help; changing the request will not.
 */
public final class NodeUnavailableException extends CoopException {
  private static final long serialVersionUID = 1L;

  public NodeUnavailableException(String code, String message) {
    super(ErrorCode.of(code, ErrorCategory.NODE_FAULT), message);
  }

  public NodeUnavailableException(String code, String message, Throwable cause) {
    super(ErrorCode.of(code, ErrorCategory.NODE_FAULT), message, cause);
  }
}
