package org.coopledger.node.http;

import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.api.v1.ErrorResponse;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.node.store.StoreException;

/**
 * The one place where exceptions become HTTP statuses and {@code {"error", "message"}} bodies. A
 * code's status follows from its {@link ErrorCategory} alone: one exhaustive switch, so a new
 * category does not compile until it has a status, and a new code gets its category's.
 */
final class ErrorMapping {
  private static final Logger LOG = Logger.getLogger(ErrorMapping.class.getName());

  private ErrorMapping() {}

  static void register(HttpRouting.Builder routing) {
    routing.error(CoopException.class, ErrorMapping::coded);
    routing.error(HttpException.class, ErrorMapping::http);
    routing.error(Exception.class, ErrorMapping::bug);
  }

  /** The HTTP status of any coded error: the same for one entry of a batch as for a request. */
  static int statusOf(CoopException e) {
    return status(e.category());
  }

  /** The HTTP status of each category of error. */
  static int status(ErrorCategory category) {
    return switch (category) {
      case CLIENT_MISTAKE -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case RULES_NOT_MET -> 422;
      case NODE_FAULT -> 503;
    };
  }

  private static void coded(ServerRequest req, ServerResponse res, CoopException e) {
    if (e instanceof StoreException) {
      LOG.log(Level.SEVERE, "store failure serving " + req.path().path(), e);
    }
    send(res, statusOf(e), e.code(), e.getMessage());
  }

  /**
   * Helidon's own statuses, e.g. static content answering a conditional request with 304 Not
   * Modified, or 404 for a file that is not there: passed on as they are, never a 500.
   */
  private static void http(ServerRequest req, ServerResponse res, HttpException e) {
    if (e.status().code() == Status.NOT_MODIFIED_304.code()) {
      res.status(e.status()).send();
      return;
    }
    send(res, e.status().code(), "HTTP_" + e.status().code(), e.getMessage());
  }

  private static void bug(ServerRequest req, ServerResponse res, Exception e) {
    LOG.log(
        Level.SEVERE,
        "unexpected failure serving " + req.prologue().method() + " " + req.path().path(),
        e);
    send(res, 500, "INTERNAL", "the node failed unexpectedly; its log has the details");
  }

  private static void send(ServerResponse res, int status, String code, String message) {
    res.status(Status.create(status)).send(new ErrorResponse(code, message));
  }
}
