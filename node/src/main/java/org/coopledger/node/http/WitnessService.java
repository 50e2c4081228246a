package org.coopledger.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.coopledger.api.v1.ErrorResponse;
import org.coopledger.node.witness.AddCheckpointRequest;
import org.coopledger.node.witness.NodeUrls;
import org.coopledger.node.witness.Witness;
import org.coopledger.node.witness.WitnessException;

/**
 * {@code POST /v1/node/url}: a node of the network announces its REST URL ({@link NodeUrls}).
 * {@code POST /add-checkpoint}: the C2SP tlog-witness protocol. The statuses are the protocol's
 * (400, 403, 404, 409 with the latest cosigned size as {@code text/x.tlog.size}, 422; 503 when this
 * node's own tree has not reached the checkpoint yet); other errors carry the API's JSON error body
 * with a stable code. 200 answers with the cosignature line.
 */
final class WitnessService implements HttpService {
  /** Room for a note with 100 signature lines and 63 proof lines. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** Room for an announcement with a few signature lines. */
  static final int MAX_ANNOUNCEMENT_BYTES = 4 * 1024;

  private final Witness witness;
  private final NodeUrls urls;

  WitnessService(Witness witness, NodeUrls urls) {
    this.witness = witness;
    this.urls = urls;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/add-checkpoint", this::addCheckpoint).post("/v1/node/url", this::nodeUrl);
  }

  /** {@code POST /v1/node/url}: another node of the network says where its REST API is. */
  private void nodeUrl(ServerRequest request, ServerResponse response) {
    byte[] body = RequestBodies.read(request, MAX_ANNOUNCEMENT_BYTES, "a node URL announcement");
    try {
      urls.accept(body);
      response.status(Status.NO_CONTENT_204).send();
    } catch (WitnessException e) {
      response.status(Status.create(e.status())).send(new ErrorResponse(e.code(), e.getMessage()));
    }
  }

  private void addCheckpoint(ServerRequest request, ServerResponse response) {
    byte[] body = RequestBodies.read(request, MAX_BODY_BYTES, "an add-checkpoint request");
    try {
      String lines = witness.addCheckpoint(AddCheckpointRequest.parse(body));
      response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").send(lines);
    } catch (WitnessException e) {
      response.status(Status.create(e.status()));
      if (e.status() == 409 && e.latestSize() >= 0) {
        response.header(HeaderNames.CONTENT_TYPE, "text/x.tlog.size").send(e.latestSize() + "\n");
      } else {
        response.send(new ErrorResponse(e.code(), e.getMessage()));
      }
    }
  }
}
