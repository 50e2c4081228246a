package org.coopledger.governance.error;

/**
 * A signature, proof or checkpoint did not verify (category {@link ErrorCategory#RULES_NOT_MET}).
 * Thrown, never returned: a failed check cannot be ignored by accident.
 */
public class VerificationException extends CoopException {
  private static final long serialVersionUID = 1L;

  public VerificationException(String code, String message) {
    super(ErrorCode.of(code, ErrorCategory.RULES_NOT_MET), message);
  }

  public VerificationException(String code, String message, Throwable cause) {
    super(ErrorCode.of(code, ErrorCategory.RULES_NOT_MET), message, cause);
  }
}
