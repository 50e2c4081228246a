package org.coopledger.node;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.coopledger.node.anchor.AnchorConfig;

/**
 * How to run a node. Every field has a default that works on a laptop ({@link #defaults()}): data
 * in {@code ./coop-data}, REST on {@code 127.0.0.1:8080}.
 *
 * @param dataDir where the ledger, the Raft log and the node key live
 * @param host address the REST API (and Raft) bind to
 * @param port REST port; 0 picks a free one (see {@link CoopNode#port()})
 * @param coopId the co-op this node serves; entries for another co-op are refused
 * @param peerId this node's Raft peer id
 * @param raftPort Raft RPC port; 0 picks a free one
 * @param checkpointEvery make a checkpoint after this many new entries
 * @param checkpointIntervalMillis ...or after this long, whichever comes first (if anything new)
 * @param maxBodyBytes largest request body accepted
 * @param maxPageSize most entries returned by one listing
 * @param batchMaxEntries most submitted entries grouped into one Raft log entry
 * @param snapshotEvery Raft log entries between snapshot markers (bounds restart replay)
 * @param startupCheckRecords how many of the newest records to re-hash at start (-1 = all)
 * @param anchor whether and where to anchor checkpoints on an Ethereum chain
 */
public record NodeConfig(
    Path dataDir,
    String host,
    int port,
    String coopId,
    String peerId,
    int raftPort,
    long checkpointEvery,
    long checkpointIntervalMillis,
    int maxBodyBytes,
    int maxPageSize,
    int batchMaxEntries,
    long snapshotEvery,
    long startupCheckRecords,
    AnchorConfig anchor) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  public NodeConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    requireId(coopId, "co-op id");
    requireId(peerId, "peer id");
    requirePort(port, "port");
    requirePort(raftPort, "Raft port");
    requirePositive(checkpointEvery, "checkpoint every");
    requirePositive(checkpointIntervalMillis, "checkpoint interval");
    requirePositive(maxBodyBytes, "max body bytes");
    requirePositive(maxPageSize, "max page size");
    requirePositive(batchMaxEntries, "batch max entries");
    requirePositive(snapshotEvery, "snapshot every");
    if (startupCheckRecords < -1) {
      throw new IllegalArgumentException("startup check records must be -1 (all) or more");
    }
    Objects.requireNonNull(anchor, "anchor");
  }

  /** The defaults: {@code ./coop-data}, {@code 127.0.0.1:8080}, co-op {@code demo-coop}. */
  public static NodeConfig defaults() {
    return new NodeConfig(
        Path.of("coop-data"),
        "127.0.0.1",
        8080,
        "demo-coop",
        "node-1",
        0,
        1000,
        1000,
        1 << 20,
        1000,
        1000,
        1000,
        10_000,
        AnchorConfig.disabled());
  }

  public NodeConfig withDataDir(Path value) {
    return new NodeConfig(
        value,
        host,
        port,
        coopId,
        peerId,
        raftPort,
        checkpointEvery,
        checkpointIntervalMillis,
        maxBodyBytes,
        maxPageSize,
        batchMaxEntries,
        snapshotEvery,
        startupCheckRecords,
        anchor);
  }

  public NodeConfig withPort(int value) {
    return new NodeConfig(
        dataDir,
        host,
        value,
        coopId,
        peerId,
        raftPort,
        checkpointEvery,
        checkpointIntervalMillis,
        maxBodyBytes,
        maxPageSize,
        batchMaxEntries,
        snapshotEvery,
        startupCheckRecords,
        anchor);
  }

  public NodeConfig withCoopId(String value) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        value,
        peerId,
        raftPort,
        checkpointEvery,
        checkpointIntervalMillis,
        maxBodyBytes,
        maxPageSize,
        batchMaxEntries,
        snapshotEvery,
        startupCheckRecords,
        anchor);
  }

  public NodeConfig withCheckpoints(long every, long intervalMillis) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        coopId,
        peerId,
        raftPort,
        every,
        intervalMillis,
        maxBodyBytes,
        maxPageSize,
        batchMaxEntries,
        snapshotEvery,
        startupCheckRecords,
        anchor);
  }

  public NodeConfig withSnapshotEvery(long value) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        coopId,
        peerId,
        raftPort,
        checkpointEvery,
        checkpointIntervalMillis,
        maxBodyBytes,
        maxPageSize,
        batchMaxEntries,
        value,
        startupCheckRecords,
        anchor);
  }

  public NodeConfig withAnchor(AnchorConfig value) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        coopId,
        peerId,
        raftPort,
        checkpointEvery,
        checkpointIntervalMillis,
        maxBodyBytes,
        maxPageSize,
        batchMaxEntries,
        snapshotEvery,
        startupCheckRecords,
        value);
  }

  private static void requireId(String value, String what) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " must be 1-63 of [a-z0-9._-], starting with a letter or digit; got '"
              + value
              + "'");
    }
  }

  private static void requirePort(int value, String what) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException("the " + what + " must be 0-65535, got " + value);
    }
  }

  private static void requirePositive(long value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException("the " + what + " must be positive, got " + value);
    }
  }
}
