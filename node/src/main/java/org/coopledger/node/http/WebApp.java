package org.coopledger.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The members' web app at {@code /}: the files the web module built into {@code coop-web/} on the
 * class path, served by Helidon's static content support. Its pages may load scripts, styles and
 * data only from this node (a strict Content-Security-Policy, no inline code, no eval);
 * content-hashed files under {@code /assets/} are cached for good, everything else is revalidated.
 */
final class WebApp {
  static final String LOCATION = "coop-web";

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private WebApp() {}

  static void routing(HttpRouting.Builder routing) {
    routing.addFilter(WebApp::headers);
    if (WebApp.class.getClassLoader().getResource(LOCATION + "/index.html") == null) {
      routing.get("/", (req, res) -> notBuilt(res));
      return;
    }
    routing.register(
        "/",
        StaticContentFeature.createService(
            ClasspathHandlerConfig.builder().location(LOCATION).welcome("index.html").build()));
  }

  private static void headers(FilterChain chain, RoutingRequest request, RoutingResponse response) {
    String path = request.path().path();
    response.header("X-Content-Type-Options", "nosniff");
    response.header("Referrer-Policy", "no-referrer");
    if (!path.startsWith("/v1/") && !path.startsWith("/observe/") && !path.equals("/openapi")) {
      response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.header("X-Frame-Options", "DENY");
      response.header(
          HeaderNames.CACHE_CONTROL,
          path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    }
    chain.proceed();
  }

  // Built without Node.js: say so where the app would be, rather than a bare 404.
  private static void notBuilt(io.helidon.webserver.http.ServerResponse response) {
    response.status(Status.NOT_FOUND_404);
    response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    response.send(
        "<!doctype html><title>coopledger</title><h1>The web app is not in this build</h1>"
            + "<p>This node was built without Node.js, so the members' web app was left out. The"
            + " REST API works as usual under <a href=\"/openapi\">/v1</a>. Install Node.js 20 or"
            + " newer and build again to include the app.</p>");
  }
}
