package org.coopledger.api.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.coopledger.api.v1.AnchorsResponse;
import org.coopledger.api.v1.BalancesResponse;
import org.coopledger.api.v1.ConsistencyProofResponse;
import org.coopledger.api.v1.EntryPageResponse;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.api.v1.ErrorResponse;
import org.coopledger.api.v1.InclusionProofResponse;
import org.coopledger.api.v1.MembersResponse;
import org.coopledger.api.v1.MoneyResponse;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.api.v1.ProposalsResponse;
import org.coopledger.api.v1.RulebookResponse;
import org.coopledger.api.v1.SnapshotPosition;
import org.coopledger.api.v1.SplitsResponse;
import org.coopledger.api.v1.StateResponse;
import org.coopledger.governance.view.ProposalView;

/**
 * Talks to one node's REST API ({@code /v1/...}): the one HTTP client of the API, used by the
 * command line, the tests and the load generator. Thread-safe.
 *
 * <p>The typed calls ({@link #nodeInfo()}, {@link #getJson}, {@link #submit}...) either return what
 * the node said or throw {@link NodeRejectedException} (4xx) / {@link NodeUnavailableException}
 * (unreachable, 5xx, not the API). The raw calls ({@link #get}, {@link #post}, {@link #postEntry})
 * return any HTTP status as a {@link Reply}, for callers that check statuses themselves; they throw
 * {@link NodeUnavailableException} only when there is no answer at all.
 *
 * <p>HTTP/1.1 through {@link HttpURLConnection} (kept-alive connections are reused), not {@code
 * java.net.http}: that client sets up TLS (the default trust store and key managers) and a selector
 * thread as it is built, which took about a third of a {@code coop} command's start-up even for a
 * plain {@code http://} node. No proxy, no redirects followed, no retries: a signed entry is sent
 * once.
 */
public final class NodeClient implements AutoCloseable {
  /**
   * Reads the node's answers. Fields it does not know are ignored (the node may add some; the read
   * models of {@code governance.view} carry no Jackson annotations to say so).
   */
  static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final String EXAMPLE = "http://127.0.0.1:8080";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final String JSON_TYPE = "application/json";
  private static final String ANY = "*/*";

  /**
   * The largest answer read from a node. An honest node's largest answers are pages of entries,
   * bounded at 2 MiB of records (about 9 MiB of JSON); anything far larger is a node trying to
   * exhaust the memory of whoever audits it, and is refused before it is held.
   */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

  /** The node's answer was larger than {@link #MAX_RESPONSE_BYTES}. */
  public static final String RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

  private final URI base;

  private NodeClient(URI base) {
    this.base = base;
  }

  /**
   * A client for the node at {@code url} (e.g. {@code http://127.0.0.1:8080}).
   *
   * @throws IllegalArgumentException if the URL is not an http(s) URL
   */
  public static NodeClient of(String url) {
    return new NodeClient(normalize(url));
  }

  /** A client for the node at {@code uri}. */
  public static NodeClient of(URI uri) {
    return of(uri.toString());
  }

  /** The node's URL without a trailing slash, as given by the user. */
  public String url() {
    return base.toString();
  }

  /** The node's URL without a trailing slash. */
  public URI uri() {
    return base;
  }

  /** {@code GET /v1/node}: origin, co-op id, the node's verifier key, tree size. */
  public NodeInfo nodeInfo() {
    return getTyped("/v1/node", NodeInfo.class);
  }

  /** {@code GET /v1/snapshot}: the tree size and the Raft position of the store's last write. */
  public SnapshotPosition snapshotPosition() {
    return getTyped("/v1/snapshot", SnapshotPosition.class);
  }

  /** {@code GET /v1/checkpoint}: the latest signed checkpoint, as the note's text. */
  public String checkpoint() {
    return send("GET", "/v1/checkpoint", ANY, null, null).body();
  }

  /** {@code GET /v1/entries?start=&limit=}: a page of records (maybe fewer than asked for). */
  public EntryPageResponse entries(long start, int limit) {
    return getTyped(entriesPath(start, limit), EntryPageResponse.class);
  }

  /** The path of {@link #entries}, for an auditor that reads the page's JSON itself. */
  public static String entriesPath(long start, int limit) {
    return "/v1/entries?start=" + start + "&limit=" + limit;
  }

  /** {@code GET /v1/entries/{index}}. */
  public EntryResponse entry(long index) {
    return getTyped("/v1/entries/" + index, EntryResponse.class);
  }

  /** {@code GET /v1/state}: the latest state's digest and summary. */
  public StateResponse state() {
    return getTyped("/v1/state", StateResponse.class);
  }

  /** {@code GET /v1/members}. */
  public MembersResponse members() {
    return getTyped("/v1/members", MembersResponse.class);
  }

  /** {@code GET /v1/proposals}, clause status as of now. */
  public ProposalsResponse proposals() {
    return getTyped("/v1/proposals", ProposalsResponse.class);
  }

  /** {@code GET /v1/proposals/{id}}, clause status as of now. */
  public ProposalView proposal(String id) {
    return getTyped("/v1/proposals/" + id, ProposalView.class);
  }

  /** {@code GET /v1/splits}. */
  public SplitsResponse splits() {
    return getTyped("/v1/splits", SplitsResponse.class);
  }

  /** {@code GET /v1/money}: named splits, routes, pools and guests. */
  public MoneyResponse money() {
    return getTyped("/v1/money", MoneyResponse.class);
  }

  /** {@code GET /v1/balances}. */
  public BalancesResponse balances() {
    return getTyped("/v1/balances", BalancesResponse.class);
  }

  /** {@code GET /v1/rulebook}. */
  public RulebookResponse rulebook() {
    return getTyped("/v1/rulebook", RulebookResponse.class);
  }

  /** {@code GET /v1/anchors}. */
  public AnchorsResponse anchors() {
    return getTyped("/v1/anchors", AnchorsResponse.class);
  }

  /** {@code GET /v1/proofs/inclusion?index=&treeSize=}. */
  public InclusionProofResponse inclusionProof(long index, long treeSize) {
    return getTyped(
        "/v1/proofs/inclusion?index=" + index + "&treeSize=" + treeSize,
        InclusionProofResponse.class);
  }

  /** {@code GET /v1/proofs/consistency?from=&to=}. */
  public ConsistencyProofResponse consistencyProof(long from, long to) {
    return getTyped(
        "/v1/proofs/consistency?from=" + from + "&to=" + to, ConsistencyProofResponse.class);
  }

  /**
   * A GET of a JSON resource decoded into one of the API's records ({@code org.coopledger.api.v1}).
   */
  public <T> T getTyped(String path, Class<T> type) {
    Reply reply = send("GET", path, JSON_TYPE, null, null);
    try {
      T value = JSON.readValue(reply.body(), type);
      if (value == null) {
        throw notTheApi(path, reply, null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw notTheApi(path, reply, e);
    }
  }

  /** {@code POST /v1/entries} with a signed entry in the API's JSON form. */
  public JsonNode submit(JsonNode signedEntry) {
    return postJson("/v1/entries", signedEntry);
  }

  /** A GET of any JSON resource under the node's URL, e.g. {@code /v1/members}. */
  public JsonNode getJson(String path) {
    return parse(path, send("GET", path, JSON_TYPE, null, null));
  }

  /** A POST of a JSON document. */
  public JsonNode postJson(String path, JsonNode body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serializes", e);
    }
    return parse(
        path, send("POST", path, JSON_TYPE, JSON_TYPE, text.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code GET path}, whatever the status. */
  public Reply get(String path) {
    return get(path, ANY);
  }

  /** {@code GET path} asking for {@code accept} (e.g. {@code text/plain}), whatever the status. */
  public Reply get(String path, String accept) {
    return transmit("GET", path, accept, null, null);
  }

  /** {@code POST path} with {@code body} of {@code contentType}, whatever the status. */
  public Reply post(String path, String contentType, byte[] body) {
    return transmit("POST", path, ANY, contentType, body);
  }

  /** {@code POST /v1/entries} of a signed entry's protobuf bytes, whatever the status. */
  public Reply postEntry(byte[] signedEntry) {
    return post("/v1/entries", "application/x-protobuf", signedEntry);
  }

  /** {@code POST /v1/entries} of a signed entry in the API's JSON form, whatever the status. */
  public Reply postEntry(String signedEntryJson) {
    return post(
        "/v1/entries", "application/json", signedEntryJson.getBytes(StandardCharsets.UTF_8));
  }

  /** Nothing to release: connections are kept alive by the JDK for reuse and time out there. */
  @Override
  public void close() {}

  /** A 2xx answer; a 4xx becomes a {@link NodeRejectedException}, anything else unavailable. */
  private Reply send(String method, String path, String accept, String contentType, byte[] body) {
    Reply reply = transmit(method, path, accept, contentType, body);
    int status = reply.status();
    if (status >= 200 && status < 300) {
      return reply;
    }
    if (status >= 400 && status < 500) {
      throw rejection(status, reply.body());
    }
    throw new NodeUnavailableException(
        "NODE_FAILED",
        "the node at "
            + base
            + " failed (HTTP "
            + status
            + ")"
            + errorSuffix(reply.body())
            + "; try again later or ask its operator");
  }

  /**
   * One HTTP exchange; the whole answer is read. Waits {@link #CONNECT_TIMEOUT} for the connection
   * and {@link #REQUEST_TIMEOUT} for each part of the answer.
   */
  private Reply transmit(
      String method, String path, String accept, String contentType, byte[] body) {
    HttpURLConnection connection;
    try {
      connection =
          (HttpURLConnection) URI.create(base + path).toURL().openConnection(Proxy.NO_PROXY);
      connection.setRequestMethod(method);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a request path of the API: '" + path + "'", e);
    }
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
    connection.setRequestProperty("Accept", accept);
    if (body != null) {
      connection.setDoOutput(true);
      connection.setFixedLengthStreamingMode(body.length);
      connection.setRequestProperty("Content-Type", contentType);
    }
    try {
      connection.connect();
    } catch (SocketTimeoutException e) {
      throw unreachable(
          "did not accept a connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw unreachable("refused the connection", e);
    } catch (IOException e) {
      throw unreachable("broke off the exchange (" + e + ")", e);
    }
    try {
      if (body != null) {
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      long declared = connection.getContentLengthLong();
      if (declared > MAX_RESPONSE_BYTES) {
        connection.disconnect();
        throw tooLarge(method, path, declared + " bytes");
      }
      InputStream answer =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      if (answer == null) {
        return new Reply(status, "");
      }
      byte[] bytes;
      try (answer) {
        bytes = answer.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
      if (bytes.length > MAX_RESPONSE_BYTES) {
        connection.disconnect();
        throw tooLarge(method, path, "more than " + MAX_RESPONSE_BYTES + " bytes");
      }
      return new Reply(status, new String(bytes, StandardCharsets.UTF_8));
    } catch (SocketTimeoutException e) {
      throw unreachable("did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
    } catch (IOException e) {
      throw unreachable("broke off the exchange (" + e + ")", e);
    }
  }

  private NodeUnavailableException tooLarge(String method, String path, String size) {
    return new NodeUnavailableException(
        RESPONSE_TOO_LARGE,
        "the node at "
            + base
            + " answered "
            + method
            + " "
            + path
            + " with "
            + size
            + "; answers are refused above "
            + MAX_RESPONSE_BYTES / (1024 * 1024)
            + " MiB (an honest node's largest, a page of entries, is far smaller): it may be"
            + " trying to exhaust the memory of whoever reads it");
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
      ErrorResponse error = JSON.readValue(body, ErrorResponse.class);
      if (error != null && error.error() != null) {
        return new NodeRejectedException(
            status, error.error(), error.message() == null ? "" : error.message());
      }
    } catch (JsonProcessingException e) {
      // Not the API's error shape: report the raw body below.
    }
    return new NodeRejectedException(status, "HTTP_" + status, abbreviate(body));
  }

  private JsonNode parse(String path, Reply reply) {
    try {
      return JSON.readTree(reply.body());
    } catch (JsonProcessingException e) {
      throw notTheApi(path, reply, e);
    }
  }

  private NodeUnavailableException notTheApi(String path, Reply reply, Exception e) {
    {
      return new NodeUnavailableException(
          "NOT_THE_API",
          "the server at "
              + base
              + " answered "
              + path
              + " with something that is not JSON ("
              + abbreviate(reply.body())
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
