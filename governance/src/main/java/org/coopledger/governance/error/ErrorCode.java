package org.coopledger.governance.error;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable, machine-readable error code ({@code BAD_SIGNATURE}) and its {@link ErrorCategory}.
 * Codes are enum constants where a family of codes spans categories ({@code RejectionCode}, the
 * node's {@code ApiError}); an exception class whose codes all share one category names it once
 * with {@link #of}.
 */
public interface ErrorCode {
  /** The code as clients see it, upper case with underscores. */
  String name();

  ErrorCategory category();

  /** A code of a fixed category, for exception classes whose codes all share one. */
  static ErrorCode of(String name, ErrorCategory category) {
    return new Named(name, category);
  }

  /** A code given by name with its category stated beside it. */
  record Named(String name, ErrorCategory category) implements ErrorCode {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    public Named {
      if (name == null || !CODE.matcher(name).matches()) {
        throw new IllegalArgumentException("an error code is UPPER_CASE, got '" + name + "'");
      }
      Objects.requireNonNull(category, "category");
    }
  }
}
