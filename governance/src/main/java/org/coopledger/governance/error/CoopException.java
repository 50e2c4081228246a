package org.coopledger.governance.error;

/**
 * The root of coopledger's exceptions. Every failure a client or auditor can cause carries a stable
 * machine-readable {@link #code()} (e.g. {@code BAD_SIGNATURE}); the message says what to do about
 * it. The node maps codes to HTTP statuses in one place.
 */
public class CoopException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public CoopException(String code, String message) {
    super(message);
    this.code = code;
  }

  public CoopException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** A stable, upper-case identifier of the kind of failure. */
  public String code() {
    return code;
  }
}
