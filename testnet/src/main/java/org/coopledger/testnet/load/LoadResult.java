package org.coopledger.testnet.load;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a load run did.
 *
 * @param submitted entries sent
 * @param accepted entries the node acknowledged (201)
 * @param failures count per failure ({@code HTTP <status> <error code>} or the exception's class)
 * @param firstMessages the first error message seen per failure kind, for the report
 * @param latencies acknowledgement latency of every accepted entry: request sent to response read
 * @param elapsed from the first request sent to the last response read
 * @param clientCpu CPU time of the HTTP client's own threads over the run (so that the node's share
 *     of a shared process can be told apart)
 */
public record LoadResult(
    int submitted,
    int accepted,
    Map<String, Integer> failures,
    Map<String, String> firstMessages,
    Latencies latencies,
    Duration elapsed,
    Duration clientCpu) {
  public LoadResult {
    failures = Map.copyOf(new TreeMap<>(failures));
    firstMessages = Map.copyOf(firstMessages);
  }

  /** Acknowledged entries per wall-clock second. */
  public double acceptedPerSecond() {
    return accepted / (elapsed.toNanos() / 1e9);
  }

  public int failed() {
    return submitted - accepted;
  }
}
