package org.coopledger.node.http;

import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.governance.error.CoopException;
import org.coopledger.node.replication.ReplicationException;
import org.coopledger.node.store.StoreException;

/**
 * The one place where exceptions become HTTP statuses and {@code {"error", "message"}} bodies. A
 * code's status is stable: clients may rely on it.
 */
final class ErrorMapping {
  private static final Logger LOG = Logger.getLogger(ErrorMapping.class.getName());

  private ErrorMapping() {}

  static void register(HttpRouting.Builder routing) {
    routing.error(ApiException.class, (req, res, e) -> send(res, e.status(), e.code(), e));
    routing.error(ReplicationException.class, (req, res, e) -> send(res, 503, e.code(), e));
    routing.error(StoreException.class, ErrorMapping::storeFailure);
    routing.error(CoopException.class, (req, res, e) -> send(res, status(e.code()), e.code(), e));
    routing.error(HttpException.class, ErrorMapping::http);
    routing.error(Exception.class, ErrorMapping::bug);
  }

  /** The HTTP status of any coded error: the same for one entry of a batch as for a request. */
  static int statusOf(CoopException e) {
    return switch (e) {
      case ApiException api -> api.status();
      case ReplicationException r -> 503;
      case StoreException s -> 503;
      default -> status(e.code());
    };
  }

  /**
   * The status of an error code from the governance engine or the node. Malformed input is 400, a
   * resource that does not exist 404, a replayed nonce 409, and an entry the rules refuse
   * (including one that names an unknown proposal or member) 422.
   */
  static int status(String code) {
    if (code.endsWith("_NOT_FOUND")) {
      return 404;
    }
    if (code.contains("NONCE") || code.equals("DUPLICATE_ENTRY")) {
      return 409;
    }
    if (code.startsWith("MALFORMED")
        || code.startsWith("INVALID")
        || code.startsWith("BAD_JSON")
        || code.startsWith("UNKNOWN_FIELD")
        || code.equals("BAD_BASE64")
        || code.equals("BAD_PARAMETER")) {
      return 400;
    }
    return 422;
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
    send(res, e.status().code(), "HTTP_" + e.status().code(), e);
  }

  private static void storeFailure(ServerRequest req, ServerResponse res, StoreException e) {
    LOG.log(Level.SEVERE, "store failure serving " + req.path().path(), e);
    send(res, 503, e.code(), e);
  }

  private static void bug(ServerRequest req, ServerResponse res, Exception e) {
    LOG.log(
        Level.SEVERE,
        "unexpected failure serving " + req.prologue().method() + " " + req.path().path(),
        e);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "INTERNAL");
    body.put("message", "the node failed unexpectedly; its log has the details");
    res.status(Status.INTERNAL_SERVER_ERROR_500).send(body);
  }

  private static void send(ServerResponse res, int status, String code, Exception e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", e.getMessage());
    res.status(Status.create(status)).send(body);
  }
}
