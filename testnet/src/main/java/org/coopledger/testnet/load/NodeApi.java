package org.coopledger.testnet.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few synchronous calls the benchmark makes besides the load: node info, one entry, proofs. */
public final class NodeApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public NodeApi(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  /** A response's status and body. */
  public record Reply(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("the node answered HTTP " + status + " with: " + body, e);
      }
    }
  }

  /** GETs {@code path} and returns its JSON, or throws naming the status and body. */
  public JsonNode getJson(String path) {
    Reply reply = send(HttpRequest.newBuilder(base.resolve(path)).GET());
    if (reply.status() != 200) {
      throw new IllegalStateException(
          "GET " + path + " answered HTTP " + reply.status() + ": " + reply.body());
    }
    return reply.json();
  }

  /** POSTs one signed entry as protobuf. */
  public Reply submit(byte[] signedEntry) {
    return send(
        HttpRequest.newBuilder(base.resolve("/v1/entries"))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(signedEntry)));
  }

  /** Sends a request and reads the whole response. */
  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("the node at " + base + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while talking to " + base, e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
