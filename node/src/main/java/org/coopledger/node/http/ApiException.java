package org.coopledger.node.http;

import org.coopledger.api.error.ApiError;
import org.coopledger.governance.error.CoopException;

/** A client mistake found by the HTTP layer itself (bad parameter, body, media type...). */
public final class ApiException extends CoopException {
  private static final long serialVersionUID = 1L;

  ApiException(ApiError code, String message) {
    super(code, message);
  }

  ApiException(ApiError code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
