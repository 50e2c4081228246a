package org.coopledger.node.witness;

/**
 * A checkpoint the witness will not cosign, with the HTTP status the tlog-witness protocol gives
 * it, a stable code, and for {@code 409} the size of the latest checkpoint it cosigned for that log
 * (the protocol's answer body).
 */
public final class WitnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final long latestSize;

  WitnessException(int status, String code, String message) {
    this(status, code, message, -1);
  }

  WitnessException(int status, String code, String message, long latestSize) {
    super(message);
    this.status = status;
    this.code = code;
    this.latestSize = latestSize;
  }

  /** 400, 403, 404, 409, 422 or 503. */
  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** For a 409 about the old size: the size of the latest checkpoint cosigned; else -1. */
  public long latestSize() {
    return latestSize;
  }
}
