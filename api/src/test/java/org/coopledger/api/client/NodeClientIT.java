package org.coopledger.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's failure mapping against a real HTTP server that answers like a node would. */
class NodeClientIT {
  private HttpServer server;
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    answer("/v1/node", 200, "{\"origin\":\"o\",\"treeSize\":3}");
    answer(
        "/v1/entries",
        422,
        "{\"error\":\"CLAUSE_NOT_MET\",\"message\":\"needs 2 of role(treasurer), has 1\"}");
    answer("/v1/proposals", 500, "boom");
    answer("/v1/members", 200, "<html>a web page</html>");
    answer("/v1/splits", 404, "not json");
    huge("/v1/entries-declared", NodeClient.MAX_RESPONSE_BYTES + 1L);
    huge("/v1/entries-streamed", 0);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void successfulAnswerIsParsedJson() {
    assertThat(NodeClient.of(url).nodeInfo().get("treeSize").asLong()).isEqualTo(3);
  }

  @Test
  void nodeErrorBodyBecomesARejectionWithTheNodesCodeAndAReadableMessage() {
    assertThatThrownBy(() -> NodeClient.of(url).postJson("/v1/entries", null))
        .isInstanceOfSatisfying(
            NodeRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("CLAUSE_NOT_MET");
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage())
                  .startsWith("the co-op's rules are not met yet")
                  .contains("needs 2 of role(treasurer), has 1");
            });
  }

  @Test
  void clientErrorWithoutTheApisErrorShapeIsStillARejection() {
    assertThatThrownBy(() -> NodeClient.of(url).getJson("/v1/splits"))
        .isInstanceOfSatisfying(
            NodeRejectedException.class, e -> assertThat(e.code()).isEqualTo("HTTP_404"));
  }

  @Test
  void serverFailureIsUnavailableNotARejection() {
    assertThatThrownBy(() -> NodeClient.of(url).getJson("/v1/proposals"))
        .isInstanceOf(NodeUnavailableException.class)
        .hasMessageContaining("HTTP 500");
  }

  @Test
  void somethingThatIsNotTheApiIsCalledOut() {
    assertThatThrownBy(() -> NodeClient.of(url).getJson("/v1/members"))
        .isInstanceOfSatisfying(
            NodeUnavailableException.class, e -> assertThat(e.code()).isEqualTo("NOT_THE_API"));
  }

  @Test
  void closedPortIsUnreachableWithAHintToStartANode() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    assertThatThrownBy(() -> NodeClient.of("http://127.0.0.1:" + closed).nodeInfo())
        .isInstanceOfSatisfying(
            NodeUnavailableException.class,
            e -> {
              assertThat(e.code()).isEqualTo("UNREACHABLE");
              assertThat(e.getMessage()).contains("./coop node").contains("COOP_NODE");
            });
  }

  @Test
  void anAnswerDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() {
    assertThatThrownBy(() -> NodeClient.of(url).getJson("/v1/entries-declared"))
        .isInstanceOfSatisfying(
            NodeUnavailableException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodeClient.RESPONSE_TOO_LARGE);
              assertThat(e.getMessage()).contains("/v1/entries-declared", "64 MiB");
            });
  }

  @Test
  void anEndlessAnswerWithoutALengthIsCutOffAtTheLimit() {
    assertThatThrownBy(() -> NodeClient.of(url).getJson("/v1/entries-streamed"))
        .isInstanceOfSatisfying(
            NodeUnavailableException.class,
            e -> assertThat(e.code()).isEqualTo(NodeClient.RESPONSE_TOO_LARGE));
  }

  @Test
  void urlThatIsNotHttpIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> NodeClient.of("127.0.0.1:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://127.0.0.1:8080");
  }

  /**
   * Answers with a JSON string that never ends (up to 1 GiB): with {@code declared} as its length,
   * or chunked (no length) when {@code declared} is 0. Stops when the client hangs up.
   */
  private void huge(String path, long declared) {
    server.createContext(
        path,
        exchange -> {
          exchange.sendResponseHeaders(200, declared);
          byte[] chunk = new byte[1024 * 1024];
          java.util.Arrays.fill(chunk, (byte) 'a');
          try (OutputStream out = exchange.getResponseBody()) {
            out.write('"');
            for (int i = 0; i < 1024; i++) {
              out.write(chunk);
            }
          } catch (IOException hungUp) {
            // The client stopped reading: what it should do.
          }
        });
  }

  private void answer(String path, int status, String body) {
    server.createContext(
        path,
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }
}
