package org.coopledger.contracts.chain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.web3j.protocol.Service;

/**
 * web3j's JSON-RPC transport over the JDK's {@link HttpClient}. web3j's own {@code HttpService}
 * needs OkHttp and the Kotlin runtime; this one needs nothing beyond the JDK. Thread-safe.
 */
public final class JdkHttpService extends Service {
  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;

  public JdkHttpService(URI endpoint, Duration timeout) {
    super(false);
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  protected InputStream performIO(String payload) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + endpoint, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "JSON-RPC endpoint " + endpoint + " answered HTTP " + response.statusCode());
    }
    return new ByteArrayInputStream(response.body());
  }

  @Override
  public void close() {
    http.close();
  }
}
