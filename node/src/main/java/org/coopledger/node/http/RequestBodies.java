package org.coopledger.node.http;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import org.coopledger.api.error.ApiError;

/** Reading request bodies within a size limit, and their media type. */
final class RequestBodies {
  private RequestBodies() {}

  /** The media type of the request ("" if it has none), without parameters. */
  static String mediaType(ServerRequest request) {
    return request
        .headers()
        .contentType()
        .map(HttpMediaType::mediaType)
        .map(m -> m.text())
        .orElse("");
  }

  /**
   * The whole body, refusing one over {@code limit} bytes (413 {@code BODY_TOO_LARGE}) or an empty
   * one (400 {@code EMPTY_BODY}).
   */
  static byte[] read(ServerRequest request, int limit, String what) {
    long declared = request.headers().contentLength().orElse(-1);
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = request.content().inputStream()) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      if (bytes.length == 0) {
        throw new ApiException(ApiError.EMPTY_BODY, "the request has no body; send " + what);
      }
      return bytes;
    } catch (IOException e) {
      throw new ApiException(ApiError.BAD_BODY, "the request body could not be read: " + e);
    }
  }

  private static ApiException tooLarge(int limit) {
    return new ApiException(
        ApiError.BODY_TOO_LARGE, "the request body exceeds the limit of " + limit + " bytes");
  }

  static ApiException unsupported(String type, String what) {
    return new ApiException(
        ApiError.UNSUPPORTED_MEDIA_TYPE,
        "send " + what + " as application/x-protobuf or application/json, not '" + type + "'");
  }
}
