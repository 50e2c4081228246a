package org.coopledger.api.client;

import org.coopledger.governance.error.CoopException;

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
    super(code, ErrorMessages.rejection(status, code, nodeMessage));
    this.status = status;
    this.nodeMessage = nodeMessage;
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
