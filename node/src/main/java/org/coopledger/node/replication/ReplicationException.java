package org.coopledger.node.replication;

import org.coopledger.governance.error.CoopException;

/**
 * The write path cannot take or finish a submission right now (queue full, no Raft leader, the node
 * is stopping). Not a verdict on the entry: the client may retry; HTTP answers 503.
 */
public final class ReplicationException extends CoopException {
  private static final long serialVersionUID = 1L;

  public ReplicationException(String code, String message) {
    super(code, message);
  }

  public ReplicationException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
