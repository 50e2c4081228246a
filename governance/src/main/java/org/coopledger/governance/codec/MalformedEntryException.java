package org.coopledger.governance.codec;

import org.coopledger.governance.error.CoopException;

/** The bytes are not a well-formed, canonically encoded entry (code {@code MALFORMED_ENTRY}). */
public final class MalformedEntryException extends CoopException {
  private static final long serialVersionUID = 1L;

  public MalformedEntryException(String message) {
    super("MALFORMED_ENTRY", message);
  }

  public MalformedEntryException(String message, Throwable cause) {
    super("MALFORMED_ENTRY", message, cause);
  }
}
