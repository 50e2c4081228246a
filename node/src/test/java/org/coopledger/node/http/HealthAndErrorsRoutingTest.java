package org.coopledger.node.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.List;

/** {@link HealthAndErrorsContract} in-process: Helidon's routing without a socket. */
@RoutingTest
class HealthAndErrorsRoutingTest extends HealthAndErrorsContract {
  HealthAndErrorsRoutingTest(DirectClient client) {
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
