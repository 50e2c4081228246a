package org.coopledger.governance.codec;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * The bytes are not a well-formed, canonically encoded entry (code {@code MALFORMED_ENTRY}), or
 * carry a field this version does not know or the protocol removed (code {@code UNKNOWN_FIELD}).
 */
public final class MalformedEntryException extends CoopException {
  private static final long serialVersionUID = 1L;

  /** The code of an entry with an unknown or removed field. */
  public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

  public MalformedEntryException(String message) {
    super(ErrorCode.of("MALFORMED_ENTRY", ErrorCategory.CLIENT_MISTAKE), message);
  }

  public MalformedEntryException(String message, Throwable cause) {
    super(ErrorCode.of("MALFORMED_ENTRY", ErrorCategory.CLIENT_MISTAKE), message, cause);
  }

  /** The bytes carry a field this version does not know, or one the protocol removed. */
  static MalformedEntryException unknownField(String message) {
    return new MalformedEntryException(UNKNOWN_FIELD, message);
  }

  private MalformedEntryException(String code, String message) {
    super(ErrorCode.of(code, ErrorCategory.CLIENT_MISTAKE), message);
  }
}
