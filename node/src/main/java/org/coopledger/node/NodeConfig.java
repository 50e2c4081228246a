package org.coopledger.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.coopledger.node.anchor.AnchorConfig;
import org.coopledger.node.replication.Peers;

/**
 * How to run a node. Build one with {@link #builder()}, which starts from the defaults in {@link
 * NodeSetting} (data in {@code ./coop-data}, REST on {@code 127.0.0.1:8080}); {@link
 * NodeConfigReader} reads one from a YAML file, the environment, system properties and flags. Each
 * component is the setting of the same name in {@link NodeSetting}.
 *
 * @param dataDir where the ledger, the Raft log and the node key live
 * @param host address the REST API (and Raft) bind to
 * @param port REST port; 0 picks a free one (see {@link CoopNode#port()})
 * @param coopId the co-op this node serves; entries for another co-op are refused
 * @param peerId this node's Raft peer id
 * @param raftPort Raft RPC port; 0 picks a free one (with peers: this node's entry names it)
 * @param peers every node of the co-op's Raft group, this one included; none for a one-peer group
 * @param join whether this node joins a running group that does not have it yet (see {@link
 *     NodeSetting#JOIN})
 * @param checkpointEvery make a checkpoint after this many new entries
 * @param checkpointIntervalMillis ...or after this long, whichever comes first (if anything new)
 * @param maxBodyBytes largest request body accepted
 * @param maxPageSize most entries returned by one listing
 * @param batchMaxEntries most submitted entries grouped into one Raft log entry
 * @param batchMaxBytes most bytes of records in one Raft log entry
 * @param batchInFlight Raft log entries submitted but not yet applied
 * @param batchLinger how long an idle write path waits to fill a batch
 * @param queueLimit checked entries waiting for a batch at most (more: 503 NODE_BUSY)
 * @param writeTimeout how long a submission waits for its commit
 * @param leaderTimeout how long start waits for a Raft leader
 * @param snapshotEvery records (or Raft log entries, whichever comes first) between snapshot
 *     markers (bounds what a restart reads and replays)
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
    Peers peers,
    boolean join,
    long checkpointEvery,
    long checkpointIntervalMillis,
    int maxBodyBytes,
    int maxPageSize,
    int batchMaxEntries,
    int batchMaxBytes,
    int batchInFlight,
    Duration batchLinger,
    int queueLimit,
    Duration writeTimeout,
    Duration leaderTimeout,
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
    Objects.requireNonNull(peers, "peers");
    if (!peers.isEmpty()) {
      peers.self(peerId);
    }
    if (join && peers.all().size() < 2) {
      throw new IllegalArgumentException(
          "join needs peers naming this node and at least one node of the network it joins");
    }
    requirePositive(checkpointEvery, "checkpoint every");
    requirePositive(checkpointIntervalMillis, "checkpoint interval");
    requirePositive(maxBodyBytes, "max body bytes");
    requirePositive(maxPageSize, "max page size");
    requirePositive(batchMaxEntries, "batch max entries");
    requirePositive(batchMaxBytes, "batch max bytes");
    requirePositive(batchInFlight, "batch in flight");
    requireNotNegative(batchLinger, "batch linger");
    requirePositive(queueLimit, "queue limit");
    requirePositive(writeTimeout, "write timeout");
    requirePositive(leaderTimeout, "leader timeout");
    requirePositive(snapshotEvery, "snapshot every");
    if (startupCheckRecords < -1) {
      throw new IllegalArgumentException("startup check records must be -1 (all) or more");
    }
    Objects.requireNonNull(anchor, "anchor");
  }

  /** A builder holding the defaults of {@link NodeSetting}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: {@code ./coop-data}, {@code 127.0.0.1:8080}, co-op {@code demo-coop}. */
  public static NodeConfig defaults() {
    return builder().build();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public NodeConfig withDataDir(Path value) {
    return toBuilder().dataDir(value).build();
  }

  public NodeConfig withPort(int value) {
    return toBuilder().port(value).build();
  }

  public NodeConfig withCoopId(String value) {
    return toBuilder().coopId(value).build();
  }

  public NodeConfig withCheckpoints(long every, long intervalMillis) {
    return toBuilder().checkpointEvery(every).checkpointIntervalMillis(intervalMillis).build();
  }

  public NodeConfig withSnapshotEvery(long value) {
    return toBuilder().snapshotEvery(value).build();
  }

  public NodeConfig withAnchor(AnchorConfig value) {
    return toBuilder().anchor(value).build();
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

  private static void requirePositive(Duration value, String what) {
    requireNotNegative(value, what);
    if (value.isZero()) {
      throw new IllegalArgumentException("the " + what + " must be positive, got " + value);
    }
  }

  private static void requireNotNegative(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative()) {
      throw new IllegalArgumentException("the " + what + " must not be negative, got " + value);
    }
  }

  /** Builds a {@link NodeConfig}; {@link #build()} checks every value. Not thread-safe. */
  public static final class Builder {
    private Path dataDir;
    private String host;
    private int port;
    private String coopId;
    private String peerId;
    private int raftPort;
    private Peers peers;
    private boolean join;
    private long checkpointEvery;
    private long checkpointIntervalMillis;
    private int maxBodyBytes;
    private int maxPageSize;
    private int batchMaxEntries;
    private int batchMaxBytes;
    private int batchInFlight;
    private Duration batchLinger;
    private int queueLimit;
    private Duration writeTimeout;
    private Duration leaderTimeout;
    private long snapshotEvery;
    private long startupCheckRecords;
    private AnchorConfig anchor;
    private final Map<NodeSetting, String> anchorText = new EnumMap<>(NodeSetting.class);

    private Builder() {
      for (NodeSetting setting : NodeSetting.values()) {
        setting.defaultValue().ifPresent(value -> setting.apply(this, value));
      }
    }

    private Builder(NodeConfig c) {
      dataDir = c.dataDir;
      host = c.host;
      port = c.port;
      coopId = c.coopId;
      peerId = c.peerId;
      raftPort = c.raftPort;
      peers = c.peers;
      join = c.join;
      checkpointEvery = c.checkpointEvery;
      checkpointIntervalMillis = c.checkpointIntervalMillis;
      maxBodyBytes = c.maxBodyBytes;
      maxPageSize = c.maxPageSize;
      batchMaxEntries = c.batchMaxEntries;
      batchMaxBytes = c.batchMaxBytes;
      batchInFlight = c.batchInFlight;
      batchLinger = c.batchLinger;
      queueLimit = c.queueLimit;
      writeTimeout = c.writeTimeout;
      leaderTimeout = c.leaderTimeout;
      snapshotEvery = c.snapshotEvery;
      startupCheckRecords = c.startupCheckRecords;
      anchor = c.anchor;
    }

    /** Sets a setting from its text, as a file, the environment or a flag gives it. */
    public Builder set(NodeSetting setting, String text) {
      setting.apply(this, text);
      return this;
    }

    public Builder dataDir(Path value) {
      dataDir = value;
      return this;
    }

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder coopId(String value) {
      coopId = value;
      return this;
    }

    public Builder peerId(String value) {
      peerId = value;
      return this;
    }

    public Builder raftPort(int value) {
      raftPort = value;
      return this;
    }

    public Builder peers(Peers value) {
      peers = value;
      return this;
    }

    public Builder join(boolean value) {
      join = value;
      return this;
    }

    public Builder checkpointEvery(long value) {
      checkpointEvery = value;
      return this;
    }

    public Builder checkpointIntervalMillis(long value) {
      checkpointIntervalMillis = value;
      return this;
    }

    public Builder maxBodyBytes(int value) {
      maxBodyBytes = value;
      return this;
    }

    public Builder maxPageSize(int value) {
      maxPageSize = value;
      return this;
    }

    public Builder batchMaxEntries(int value) {
      batchMaxEntries = value;
      return this;
    }

    public Builder batchMaxBytes(int value) {
      batchMaxBytes = value;
      return this;
    }

    public Builder batchInFlight(int value) {
      batchInFlight = value;
      return this;
    }

    public Builder batchLinger(Duration value) {
      batchLinger = value;
      return this;
    }

    public Builder queueLimit(int value) {
      queueLimit = value;
      return this;
    }

    public Builder writeTimeout(Duration value) {
      writeTimeout = value;
      return this;
    }

    public Builder leaderTimeout(Duration value) {
      leaderTimeout = value;
      return this;
    }

    public Builder snapshotEvery(long value) {
      snapshotEvery = value;
      return this;
    }

    public Builder startupCheckRecords(long value) {
      startupCheckRecords = value;
      return this;
    }

    /** Sets the anchoring as a whole (and forgets anchor settings given as text). */
    public Builder anchor(AnchorConfig value) {
      anchor = Objects.requireNonNull(value, "anchor");
      anchorText.clear();
      return this;
    }

    void anchorText(NodeSetting setting, String text) {
      anchor = null;
      anchorText.put(setting, text);
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the setting that is out of range or missing
     */
    public NodeConfig build() {
      AnchorConfig anchoring =
          anchor != null
              ? anchor
              : AnchorConfig.parse(
                  anchorText.get(NodeSetting.ANCHOR_RPC),
                  anchorText.get(NodeSetting.ANCHOR_CONTRACT),
                  anchorText.get(NodeSetting.ANCHOR_KEY),
                  anchorText.get(NodeSetting.ANCHOR_INTERVAL),
                  anchorText.get(NodeSetting.ANCHOR_ADMIN));
      return new NodeConfig(
          dataDir,
          host,
          port,
          coopId,
          peerId,
          raftPort,
          peers,
          join,
          checkpointEvery,
          checkpointIntervalMillis,
          maxBodyBytes,
          maxPageSize,
          batchMaxEntries,
          batchMaxBytes,
          batchInFlight,
          batchLinger,
          queueLimit,
          writeTimeout,
          leaderTimeout,
          snapshotEvery,
          startupCheckRecords,
          anchoring);
    }
  }
}
