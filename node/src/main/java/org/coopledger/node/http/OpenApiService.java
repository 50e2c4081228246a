package org.coopledger.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /openapi}: the API's OpenAPI 3 document, a static YAML file kept beside the code. */
final class OpenApiService implements HttpService {
  private final byte[] document;

  OpenApiService() {
    try (InputStream in = OpenApiService.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the node's resources");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading openapi.yaml failed", e);
    }
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", this::document);
  }

  private void document(ServerRequest request, ServerResponse response) {
    response.header(HeaderNames.CONTENT_TYPE, "application/yaml");
    response.send(document);
  }
}
