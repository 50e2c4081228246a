package org.coopledger.governance.crypto;

import org.coopledger.governance.error.CoopException;

/** A key file could not be read: wrong format, wrong kind of key, or wrong passphrase. */
public final class KeyFileException extends CoopException {
  private static final long serialVersionUID = 1L;

  public KeyFileException(String message) {
    super("BAD_KEY_FILE", message);
  }
}
