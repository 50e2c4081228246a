package org.coopledger.node.replication;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * The write path cannot take or finish a submission right now (queue full, no Raft leader, the node
 * is stopping). Not a verdict on the entry: the client may retry; HTTP answers 503.
 */
public final class ReplicationException extends CoopException {
  private static final long serialVersionUID = 1L;

  public ReplicationException(String code, String message) {
    super(ErrorCode.of(code, ErrorCategory.NODE_FAULT), message);
  }

  public ReplicationException(String code, String message, Throwable cause) {
    super(ErrorCode.of(code, ErrorCategory.NODE_FAULT), message, cause);
  }
}
