package org.coopledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app as a real node serves it over HTTP: the page and its content-hashed assets with the
 * right content types, caching and Content-Security-Policy, conditional requests answered 304 (not
 * a 500), and a missing file a 404.
 */
class WebAppIT {
  private static final Pattern SCRIPT = Pattern.compile("src=\"(assets/app-[A-Z0-9]+\\.js)\"");
  private static final Pattern STYLE = Pattern.compile("href=\"(assets/app-[A-Z0-9]+\\.css)\"");

  @TempDir static Path data;
  private static CoopNode node;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    assumeTrue(
        WebAppIT.class.getClassLoader().getResource(WebApp.LOCATION + "/index.html") != null,
        "the web app was not built (no Node.js at build time)");
    node = CoopNode.start(NodeConfig.defaults().withDataDir(data).withPort(0));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void pageIsServedAtTheRootWithAStrictPolicyAndRevalidated() throws Exception {
    HttpResponse<String> page = get("/", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .contains(WebApp.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.body()).contains("<div id=\"app\">").doesNotContain("<script>");
  }

  @Test
  void hashedAssetsHaveTheirContentTypesAndAreCachedForGood() throws Exception {
    String page = get("/", null).body();

    HttpResponse<String> script = get("/" + find(SCRIPT, page), null);
    HttpResponse<String> style = get("/" + find(STYLE, page), null);

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript");
    assertThat(script.headers().firstValue("Cache-Control"))
        .contains("public, max-age=31536000, immutable");
    assertThat(style.headers().firstValue("Content-Type")).contains("text/css");
  }

  @Test
  void conditionalRequestForAnUnchangedFileIsNotModified() throws Exception {
    String path = "/" + find(SCRIPT, get("/", null).body());
    String etag = get(path, null).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = get(path, etag);

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void missingFileIsNotFound() throws Exception {
    assertThat(get("/assets/no-such-file.js", null).statusCode()).isEqualTo(404);
  }

  @Test
  void apiAnswersKeepTheirOwnTypeAndNoPagePolicy() throws Exception {
    HttpResponse<String> api = get("/v1/node", null);

    assertThat(api.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
  }

  private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.uri() + path));
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String find(Pattern pattern, String page) {
    Matcher m = pattern.matcher(page);
    assertThat(m.find()).as("the page names its asset: %s", page).isTrue();
    return m.group(1);
  }
}
