package org.coopledger.testnet.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;

/**
 * The node's {@code coop.batch.entries} meter (submitted entries per Raft log entry), read from
 * {@code /observe/metrics} in the Prometheus text format: how well group commit batched a load.
 */
final class BatchMeter {
  private static final Pattern COUNT =
      Pattern.compile("(?m)^coop_batch_entries_count(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)");
  private static final Pattern SUM =
      Pattern.compile("(?m)^coop_batch_entries_sum(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)");

  /** Raft batches and the entries they carried, so far. */
  record Reading(double batches, double entries) {
    /** Entries per batch between {@code earlier} and this reading. */
    double entriesPerBatchSince(Reading earlier) {
      return (entries - earlier.entries) / (batches - earlier.batches);
    }
  }

  private BatchMeter() {}

  /** The meter's current reading, if the node serves it. */
  static Optional<Reading> read(NodeClient api) {
    try {
      Reply reply = api.get("/observe/metrics", "text/plain");
      Matcher count = COUNT.matcher(reply.body());
      Matcher sum = SUM.matcher(reply.body());
      if (reply.status() != 200 || !count.find() || !sum.find()) {
        return Optional.empty();
      }
      return Optional.of(
          new Reading(Double.parseDouble(count.group(1)), Double.parseDouble(sum.group(1))));
    } catch (RuntimeException e) {
      return Optional.empty(); // an older node without the meter: the report just omits it
    }
  }
}
