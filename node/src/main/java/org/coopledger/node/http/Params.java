package org.coopledger.node.http;

import io.helidon.webserver.http.ServerRequest;
import org.coopledger.api.error.ApiError;

/** Reads numeric query and path parameters; a bad one is a 400 naming it. */
final class Params {
  private Params() {}

  static long query(ServerRequest request, String name, long fallback) {
    var value = request.query().first(name);
    return value.isPresent() ? parse(name, value.get()) : fallback;
  }

  static long requiredQuery(ServerRequest request, String name) {
    var value = request.query().first(name);
    if (value.isEmpty()) {
      throw new ApiException(ApiError.BAD_PARAMETER, "query parameter '" + name + "' is required");
    }
    return parse(name, value.get());
  }

  static long path(ServerRequest request, String name) {
    return parse(name, request.path().pathParameters().get(name));
  }

  private static long parse(String name, String text) {
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new ApiException(
            ApiError.BAD_PARAMETER, "'" + name + "' must not be negative, got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ApiException(
          ApiError.BAD_PARAMETER, "'" + name + "' must be a whole number, got '" + text + "'");
    }
  }
}
