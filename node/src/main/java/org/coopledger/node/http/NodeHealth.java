package org.coopledger.node.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.observe.health.HealthObserver;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The node's Helidon health checks under {@code /observe/health} ({@code /live}, {@code /ready}):
 * live while the ledger answers; ready when the store check at start passed, the Raft group has a
 * leader to write through and, with anchoring on, the last anchoring attempt reached the chain. A
 * check that is DOWN makes its endpoint answer 503, so a load balancer stops sending writes.
 */
public final class NodeHealth {
  private NodeHealth() {}

  /**
   * The health observer for {@link io.helidon.webserver.observe.ObserveFeature}.
   *
   * @param treeSize the ledger's tree size
   * @param recordsChecked how many records the store check re-hashed at start (it passed, or the
   *     node would not have started)
   * @param raftLeader the current Raft leader's peer id, empty while there is none
   * @param anchorError with anchoring on: the last anchoring error, empty when the last attempt
   *     succeeded
   */
  public static HealthObserver observer(
      LongSupplier treeSize,
      long recordsChecked,
      Supplier<Optional<String>> raftLeader,
      Optional<Supplier<Optional<String>>> anchorError) {
    var builder =
        HealthObserver.builder()
            .details(true)
            .useSystemServices(false)
            .addCheck(
                check(
                    "ledger",
                    HealthCheckType.LIVENESS,
                    () ->
                        HealthCheckResponse.builder()
                            .status(true)
                            .detail("treeSize", treeSize.getAsLong())
                            .build()))
            .addCheck(
                check(
                    "store",
                    HealthCheckType.READINESS,
                    () ->
                        HealthCheckResponse.builder()
                            .status(true)
                            .detail("startCheck", "passed")
                            .detail("recordsRehashed", recordsChecked)
                            .build()))
            .addCheck(
                check(
                    "raft",
                    HealthCheckType.READINESS,
                    () -> {
                      Optional<String> leader = raftLeader.get();
                      var response = HealthCheckResponse.builder().status(leader.isPresent());
                      leader.ifPresent(id -> response.detail("leader", id));
                      return response.build();
                    }));
    anchorError.ifPresent(
        error ->
            builder.addCheck(
                check(
                    "anchor",
                    HealthCheckType.READINESS,
                    () -> {
                      Optional<String> last = error.get();
                      var response = HealthCheckResponse.builder().status(last.isEmpty());
                      last.ifPresent(message -> response.detail("lastError", message));
                      return response.build();
                    })));
    return builder.build();
  }

  private static HealthCheck check(
      String name, HealthCheckType type, Supplier<HealthCheckResponse> call) {
    return new HealthCheck() {
      @Override
      public HealthCheckType type() {
        return type;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public HealthCheckResponse call() {
        return call.get();
      }
    };
  }
}
