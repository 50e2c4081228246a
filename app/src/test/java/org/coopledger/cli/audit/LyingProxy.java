package org.coopledger.cli.audit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An HTTP proxy in front of a real node that lies on purpose: it forwards every request and lets a
 * test rewrite chosen answers. Auditors must catch each lie.
 */
final class LyingProxy implements AutoCloseable {
  /** One answer as it travels back to the client. */
  record Answer(String pathAndQuery, int status, String contentType, byte[] body) {
    Answer withBody(byte[] newBody) {
      return new Answer(pathAndQuery, status, contentType, newBody);
    }

    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    Answer withText(String text) {
      return withBody(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private record Lie(Predicate<String> matches, UnaryOperator<Answer> rewrite) {}

  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String upstream;
  private final List<Lie> lies = new CopyOnWriteArrayList<>();

  private LyingProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  static LyingProxy inFrontOf(String upstreamUrl) {
    try {
      return new LyingProxy(upstreamUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * From now on, answers to paths (with query) matching {@code paths} go through {@code rewrite}.
   */
  void lie(Predicate<String> paths, UnaryOperator<Answer> rewrite) {
    lies.add(new Lie(paths, rewrite));
  }

  void tellTheTruth() {
    lies.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String pathAndQuery = exchange.getRequestURI().toString();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + pathAndQuery));
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      byte[] requestBody;
      try (InputStream in = exchange.getRequestBody()) {
        requestBody = in.readAllBytes();
      }
      request.method(
          exchange.getRequestMethod(),
          requestBody.length == 0
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      Answer answer =
          new Answer(
              pathAndQuery,
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
              response.body());
      for (Lie lie : lies) {
        if (lie.matches().test(pathAndQuery)) {
          answer = lie.rewrite().apply(answer);
        }
      }
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.sendResponseHeaders(
          answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
