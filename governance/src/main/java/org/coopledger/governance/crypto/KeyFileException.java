package org.coopledger.governance.crypto;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/** A key file could not be read: wrong format, wrong kind of key, or wrong passphrase. */
public final class KeyFileException extends CoopException {
  private static final long serialVersionUID = 1L;

  public KeyFileException(String message) {
    super(ErrorCode.of("BAD_KEY_FILE", ErrorCategory.CLIENT_MISTAKE), message);
  }
}
