package org.coopledger.governance.error;

/**
 * A signature, proof or checkpoint did not verify. Thrown, never returned: a failed check cannot be
 * ignored by accident.
 */
public class VerificationException extends CoopException {
  private static final long serialVersionUID = 1L;

  public VerificationException(String code, String message) {
    super(code, message);
  }

  public VerificationException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
