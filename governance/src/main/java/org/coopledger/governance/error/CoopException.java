package org.coopledger.governance.error;

/**
 * The root of coopledger's exceptions. Every failure a client or auditor can cause carries a stable
 * machine-readable {@link #code()} (e.g. {@code BAD_SIGNATURE}) of an {@link ErrorCategory}; the
 * message says what to do about it. The node maps categories to HTTP statuses in one place.
 */
public class CoopException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;

  public CoopException(ErrorCode code, String message) {
    super(message);
    this.code = java.util.Objects.requireNonNull(code, "code");
  }

  public CoopException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = java.util.Objects.requireNonNull(code, "code");
  }

  /** A stable, upper-case identifier of the kind of failure. */
  public String code() {
    return code.name();
  }

  /** The code with its category. */
  public ErrorCode errorCode() {
    return code;
  }

  /** What kind of failure this is (and so the node's HTTP status for it). */
  public ErrorCategory category() {
    return code.category();
  }
}
