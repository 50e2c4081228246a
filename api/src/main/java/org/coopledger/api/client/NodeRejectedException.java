package org.coopledger.api.client;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * The node answered with a 4xx: it understood the request and refused it, either because the
 * co-op's rules do not allow it or because the request was malformed. {@link #code()} is the node's
 * stable error code.
 */
public final class NodeRejectedException extends CoopException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String nodeMessage;

  public NodeRejectedException(int status, String code, String nodeMessage) {
    super(
        ErrorCode.of(code, categoryOf(status)), ErrorMessages.rejection(status, code, nodeMessage));
    this.status = status;
    this.nodeMessage = nodeMessage;
  }

  /** The category the node's status stands for (the node derives the status from it). */
  private static ErrorCategory categoryOf(int status) {
    return switch (status) {
      case 404 -> ErrorCategory.NOT_FOUND;
      case 409 -> ErrorCategory.CONFLICT;
      case 413 -> ErrorCategory.TOO_LARGE;
      case 415 -> ErrorCategory.UNSUPPORTED_MEDIA_TYPE;
      case 422 -> ErrorCategory.RULES_NOT_MET;
      default -> ErrorCategory.CLIENT_MISTAKE;
    };
  }

  /** The HTTP status the node answered with. */
  public int status() {
    return status;
  }

  /** The node's own message, without our explanation around it. */
  public String nodeMessage() {
    return nodeMessage;
  }
}
