package org.coopledger.node.http;

import org.coopledger.governance.error.CoopException;

/** A client mistake found by the HTTP layer itself (bad parameter, body, media type...). */
public final class ApiException extends CoopException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String code, String message) {
    super(code, message);
    this.status = status;
  }

  ApiException(int status, String code, String message, Throwable cause) {
    super(code, message, cause);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  static ApiException notFound(String code, String message) {
    return new ApiException(404, code, message);
  }
}
