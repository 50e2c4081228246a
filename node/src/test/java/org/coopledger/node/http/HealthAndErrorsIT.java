package org.coopledger.node.http;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.List;

/** {@link HealthAndErrorsContract} over real HTTP: a started Helidon server on a free port. */
@ServerTest
class HealthAndErrorsIT extends HealthAndErrorsContract {
  HealthAndErrorsIT(Http1Client client) {
    super(client);
  }

  @SetUpFeatures(false)
  static List<? extends ServerFeature> serverFeatures() {
    return features();
  }

  @SetUpRoute
  static void setUpRoute(HttpRouting.Builder routing) {
    routing(routing);
  }
}
