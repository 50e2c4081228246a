package org.coopledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.spi.ServerFeature;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.coopledger.api.error.ApiError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test body for the node's health checks and JSON errors, run in-process ({@link
 * HealthAndErrorsRoutingTest}) and over real HTTP ({@link HealthAndErrorsIT}) as Helidon's own
 * examples do. The Raft leader and the anchoring error are set by the tests; the real node's
 * answers are in NodeApiIT and AnchoringIT.
 */
abstract class HealthAndErrorsContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicReference<Optional<String>> LEADER = new AtomicReference<>();
  private static final AtomicReference<Optional<String>> ANCHOR_ERROR = new AtomicReference<>();

  private final Http1Client client;

  HealthAndErrorsContract(Http1Client client) {
    this.client = client;
  }

  static List<? extends ServerFeature> features() {
    return List.of(
        ObserveFeature.just(
            NodeHealth.observer(() -> 42, 10, LEADER::get, Optional.of(() -> ANCHOR_ERROR.get()))));
  }

  static void routing(HttpRouting.Builder routing) {
    ErrorMapping.register(routing);
    routing.get(
        "/v1/note",
        (req, res) -> {
          res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
          res.send("origin\n1\nroot\n\n— sig\n");
        });
    routing.get(
        "/v1/refused",
        (req, res) -> {
          throw new ApiException(ApiError.BAD_PARAMETER, "start must be a number");
        });
  }

  @BeforeEach
  void aHealthyNode() {
    LEADER.set(Optional.of("node-1"));
    ANCHOR_ERROR.set(Optional.empty());
  }

  @Test
  void aNodeWithALeaderAndAReachableChainIsReady() throws Exception {
    JsonNode ready = get("/observe/health/ready", 200);
    assertThat(ready.get("status").asText()).isEqualTo("UP");
    assertThat(check(ready, "store").get("data").get("recordsRehashed").asLong()).isEqualTo(10);
    assertThat(check(ready, "raft").get("data").get("leader").asText()).isEqualTo("node-1");
    assertThat(check(ready, "anchor").get("status").asText()).isEqualTo("UP");
    JsonNode all = get("/observe/health", 200);
    assertThat(check(all, "ledger").get("data").get("treeSize").asLong()).isEqualTo(42);
  }

  @Test
  void aNodeWithoutARaftLeaderIsLiveButNotReady() throws Exception {
    LEADER.set(Optional.empty());
    JsonNode ready = get("/observe/health/ready", 503);
    assertThat(ready.get("status").asText()).isEqualTo("DOWN");
    assertThat(check(ready, "raft").get("status").asText()).isEqualTo("DOWN");
    assertThat(get("/observe/health/live", 200).get("status").asText()).isEqualTo("UP");
  }

  @Test
  void aNodeThatCannotReachItsAnchorChainIsNotReady() throws Exception {
    ANCHOR_ERROR.set(Optional.of("connection refused"));
    JsonNode ready = get("/observe/health/ready", 503);
    assertThat(check(ready, "anchor").get("data").get("lastError").asText())
        .isEqualTo("connection refused");
  }

  @Test
  void anApiErrorIsJsonWithItsStableCode() throws Exception {
    try (Http1ClientResponse response = client.get("/v1/refused").request()) {
      assertThat(response.status().code()).isEqualTo(400);
      assertThat(response.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow())
          .startsWith("application/json");
      JsonNode body = JSON.readTree(response.as(String.class));
      assertThat(body.get("error").asText()).isEqualTo("BAD_PARAMETER");
      assertThat(body.get("message").asText()).isEqualTo("start must be a number");
    }
  }

  @Test
  void aTextBodyStaysTextBesideTheJsonMedia() {
    try (Http1ClientResponse response = client.get("/v1/note").request()) {
      assertThat(response.as(String.class)).isEqualTo("origin\n1\nroot\n\n— sig\n");
    }
  }

  private JsonNode get(String path, int status) throws Exception {
    try (Http1ClientResponse response = client.get(path).request()) {
      assertThat(response.status().code()).as(path).isEqualTo(status);
      return JSON.readTree(response.as(String.class));
    }
  }

  private static JsonNode check(JsonNode health, String name) {
    for (JsonNode check : health.get("checks")) {
      if (check.get("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no check named " + name + " in " + health);
  }
}
