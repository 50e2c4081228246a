package org.coopledger.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Talks to one node's REST API ({@code /v1/...}). Thread-safe. Every method either returns what the
 * node said or throws {@link NodeRejectedException} / {@link NodeUnavailableException}.
 */
public final class NodeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXAMPLE = "http://127.0.0.1:8080";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient http;

  private NodeClient(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /**
   * A client for the node at {@code url} (e.g. {@code http://127.0.0.1:8080}).
   *
   * @throws IllegalArgumentException if the URL is not an http(s) URL
   */
  public static NodeClient of(String url) {
    return new NodeClient(normalize(url));
  }

  /** The node's URL without a trailing slash, as given by the user. */
  public String url() {
    return base.toString();
  }

  /** {@code GET /v1/node}: origin, co-op id, the node's verifier key, tree size. */
  public JsonNode nodeInfo() {
    return getJson("/v1/node");
  }

  /** {@code GET /v1/checkpoint}: the latest signed checkpoint, as the note's text. */
  public String checkpoint() {
    return send(request("/v1/checkpoint").GET().build()).body();
  }

  /** {@code GET /v1/entries?start=&limit=}. */
  public JsonNode entries(long start, int limit) {
    return getJson("/v1/entries?start=" + start + "&limit=" + limit);
  }

  /** {@code GET /v1/entries/{index}}. */
  public JsonNode entry(long index) {
    return getJson("/v1/entries/" + index);
  }

  /** {@code GET /v1/proofs/inclusion?index=&treeSize=}. */
  public JsonNode inclusionProof(long index, long treeSize) {
    return getJson("/v1/proofs/inclusion?index=" + index + "&treeSize=" + treeSize);
  }

  /** {@code GET /v1/proofs/consistency?from=&to=}. */
  public JsonNode consistencyProof(long from, long to) {
    return getJson("/v1/proofs/consistency?from=" + from + "&to=" + to);
  }

  /** {@code POST /v1/entries} with a signed entry in the API's JSON form. */
  public JsonNode submit(JsonNode signedEntry) {
    return postJson("/v1/entries", signedEntry);
  }

  /** A GET of any JSON resource under the node's URL, e.g. {@code /v1/members}. */
  public JsonNode getJson(String path) {
    return parse(path, send(request(path).header("Accept", "application/json").GET().build()));
  }

  /** A POST of a JSON document. */
  public JsonNode postJson(String path, JsonNode body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serializes", e);
    }
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
            .build();
    return parse(path, send(request));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
  }

  private HttpResponse<String> send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(
          "did not accept a connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw unreachable("did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw unreachable("refused the connection", e);
    } catch (IOException e) {
      throw unreachable("broke off the exchange (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnavailableException("INTERRUPTED", "interrupted while waiting for " + base, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    if (status >= 400 && status < 500) {
      throw rejection(status, response.body());
    }
    throw new NodeUnavailableException(
        "NODE_FAILED",
        "the node at "
            + base
            + " failed (HTTP "
            + status
            + ")"
            + errorSuffix(response.body())
            + "; try again later or ask its operator");
  }

  private NodeUnavailableException unreachable(String what, Exception cause) {
    return new NodeUnavailableException(
        "UNREACHABLE",
        "could not reach the node at "
            + base
            + ": it "
            + what
            + ". Is it running? Start one with `./coop node`, or point --node (or COOP_NODE) at it.",
        cause);
  }

  private static NodeRejectedException rejection(int status, String body) {
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.hasNonNull("error")) {
        return new NodeRejectedException(
            status, error.get("error").asText(), error.path("message").asText(""));
      }
    } catch (JsonProcessingException e) {
      // Not the API's error shape: report the raw body below.
    }
    return new NodeRejectedException(status, "HTTP_" + status, abbreviate(body));
  }

  private JsonNode parse(String path, HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new NodeUnavailableException(
          "NOT_THE_API",
          "the server at "
              + base
              + " answered "
              + path
              + " with something that is not JSON ("
              + abbreviate(response.body())
              + "); is --node pointing at a coopledger node?",
          e);
    }
  }

  private static String errorSuffix(String body) {
    String text = abbreviate(body);
    return text.isEmpty() ? "" : ": " + text;
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }

  private static URI normalize(String url) {
    String trimmed = url.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a node URL: '" + url + "' (" + e.getReason() + "; expected e.g. " + EXAMPLE + ")");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "not a node URL: '" + url + "' (expected e.g. " + EXAMPLE + ")");
    }
    return uri;
  }
}
