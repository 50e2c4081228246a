package org.coopledger.node;

import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import java.util.List;
import java.util.function.IntConsumer;
import org.coopledger.node.checkpoint.Checkpointer;
import org.coopledger.node.ledger.LedgerReader;

/**
 * The node's own meters, served with Helidon's under {@code /observe/metrics}: the tree size, the
 * size of the latest checkpoint, and how many entries each Raft log entry carried (group commit at
 * work: larger under load). Closing removes them, so that a node started later in the same JVM
 * (tests, the benchmark) reports its own figures.
 */
final class NodeMetrics implements AutoCloseable {
  private final MeterRegistry registry = Metrics.globalRegistry();
  private final List<Meter> meters;
  private final DistributionSummary batches;

  NodeMetrics(LedgerReader ledger, Checkpointer checkpointer) {
    Gauge<Long> treeSize =
        registry.getOrCreate(
            Gauge.builder("coop.tree.size", () -> ledger.view().treeSize())
                .description("Entries in the ledger"));
    Gauge<Long> checkpointSize =
        registry.getOrCreate(
            Gauge.builder("coop.checkpoint.size", () -> checkpointer.latest().treeSize())
                .description("Tree size of the latest signed checkpoint"));
    batches =
        registry.getOrCreate(
            DistributionSummary.builder("coop.batch.entries")
                .description("Submitted entries per Raft log entry"));
    meters = List.of(treeSize, checkpointSize, batches);
  }

  /** Records the number of entries of each batch sent to Raft. */
  IntConsumer batchSizes() {
    return batches::record;
  }

  @Override
  public void close() {
    meters.forEach(registry::remove);
  }
}
