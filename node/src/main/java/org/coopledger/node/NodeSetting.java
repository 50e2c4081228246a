package org.coopledger.node;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopledger.node.replication.Peers;

/**
 * The node's settings: the one table of their names, defaults and meanings. {@link
 * NodeConfig#builder()} starts from these defaults, {@link NodeConfigReader} reads each setting
 * under its {@link #key()}, {@code coop node --help} and docs/coop-node.yaml list them.
 *
 * <p>A setting named {@code peer-id} is the flag {@code --peer-id}, the configuration key {@code
 * coop.peer.id} (YAML: {@code coop: peer: id:}), the system property {@code -Dcoop.peer.id} and the
 * environment variable {@code COOP_PEER_ID} (Helidon maps {@code _} to {@code .}). To add a
 * setting: a row here, a record component and builder method in {@link NodeConfig}, a line in
 * docs/coop-node.yaml.
 */
public enum NodeSetting {
  DATA("data", "coop-data", "data directory", (b, v) -> b.dataDir(Path.of(v.text()))),
  HOST("host", "127.0.0.1", "address the REST API and Raft bind to", (b, v) -> b.host(v.text())),
  PORT("port", "8080", "REST port, 0 = any free port", (b, v) -> b.port(v.integer())),
  COOP("coop", "demo-coop", "the co-op this node serves", (b, v) -> b.coopId(v.text())),
  PEER_ID("peer-id", "node-1", "Raft peer id of this node", (b, v) -> b.peerId(v.text())),
  RAFT_PORT(
      "raft-port", "0", "Raft RPC port, 0 = any free port", (b, v) -> b.raftPort(v.integer())),
  PEERS(
      "peers",
      "",
      "the co-op's Raft group, this node included: ID@HOST:RAFT_PORT@REST_URL,... (none: this"
          + " node alone)",
      (b, v) -> b.peers(Peers.parse(v.text()))),
  JOIN(
      "join",
      "false",
      "true: this node joins a running network that does not have it yet; it waits for the leader"
          + " to add it once a node change naming it is executed (only the first start counts)",
      (b, v) -> b.join(v.bool())),
  CHECKPOINT_EVERY(
      "checkpoint-every",
      "1000",
      "entries between checkpoints",
      (b, v) -> b.checkpointEvery(v.number())),
  CHECKPOINT_INTERVAL_MS(
      "checkpoint-interval-ms",
      "1000",
      "...or milliseconds, whichever comes first",
      (b, v) -> b.checkpointIntervalMillis(v.number())),
  MAX_BODY_BYTES(
      "max-body-bytes", "1048576", "largest request body", (b, v) -> b.maxBodyBytes(v.integer())),
  MAX_PAGE_SIZE(
      "max-page-size", "1000", "most entries per listing", (b, v) -> b.maxPageSize(v.integer())),
  BATCH_MAX_ENTRIES(
      "batch-max-entries",
      "1000",
      "most entries per Raft log entry and per POST /v1/entries:batch",
      (b, v) -> b.batchMaxEntries(v.integer())),
  BATCH_MAX_BYTES(
      "batch-max-bytes",
      "2097152",
      "most bytes of records per Raft log entry (Ratis appends up to 4 MB at once)",
      (b, v) -> b.batchMaxBytes(v.integer())),
  BATCH_IN_FLIGHT(
      "batch-in-flight",
      "2",
      "Raft log entries submitted but not yet applied; two keep both fsyncs busy",
      (b, v) -> b.batchInFlight(v.integer())),
  BATCH_LINGER(
      "batch-linger",
      "0ms",
      "how long a batch waits for more entries when the write path is idle",
      (b, v) -> b.batchLinger(v.duration())),
  QUEUE_LIMIT(
      "queue-limit",
      "100000",
      "checked entries waiting for a batch at most; more get 503 NODE_BUSY",
      (b, v) -> b.queueLimit(v.integer())),
  WRITE_TIMEOUT(
      "write-timeout",
      "30s",
      "how long a submission waits to be committed before 503 COMMIT_TIMEOUT",
      (b, v) -> b.writeTimeout(v.duration())),
  LEADER_TIMEOUT(
      "leader-timeout",
      "30s",
      "how long start waits for the Raft group to elect a leader",
      (b, v) -> b.leaderTimeout(v.duration())),
  SNAPSHOT_EVERY(
      "snapshot-every",
      "1000",
      "records (or Raft log entries) between snapshot markers",
      (b, v) -> b.snapshotEvery(v.number())),
  STARTUP_CHECK_RECORDS(
      "startup-check-records",
      "10000",
      "newest records re-hashed at start, -1 = all",
      (b, v) -> b.startupCheckRecords(v.number())),
  ANCHOR_RPC(
      "anchor-rpc", null, "Ethereum JSON-RPC URL to anchor checkpoints on", NodeSetting::anchor),
  ANCHOR_CONTRACT(
      "anchor-contract", null, "address of the CheckpointAnchor contract", NodeSetting::anchor),
  ANCHOR_KEY(
      "anchor-key",
      null,
      "file with the node's Ethereum account key (0x + 64 hex)",
      NodeSetting::anchor),
  ANCHOR_INTERVAL(
      "anchor-interval", "30s", "how often to anchor the latest checkpoint", NodeSetting::anchor),
  ANCHOR_ADMIN(
      "anchor-admin",
      null,
      "account that registered the co-op's ledger (default: the node's)",
      NodeSetting::anchor);

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final String name;
  private final Optional<String> defaultValue;
  private final String meaning;
  private final Apply apply;

  NodeSetting(String name, String defaultValue, String meaning, Apply apply) {
    this.name = name;
    this.defaultValue = Optional.ofNullable(defaultValue);
    this.meaning = meaning;
    this.apply = apply;
  }

  /** The name, as in the flag {@code --NAME}. */
  public String settingName() {
    return name;
  }

  /** The Helidon configuration key, e.g. {@code coop.peer.id}. */
  public String key() {
    return "coop." + name.replace('-', '.');
  }

  /** The environment variable Helidon maps onto {@link #key()}, e.g. {@code COOP_PEER_ID}. */
  public String environmentVariable() {
    return key().replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The default; empty for settings that are off unless given (the anchor's). */
  public Optional<String> defaultValue() {
    return defaultValue;
  }

  public String meaning() {
    return meaning;
  }

  /** Sets this setting on a builder from its text, naming the setting if the text is bad. */
  void apply(NodeConfig.Builder builder, String text) {
    apply.to(builder, new Text(this, text.strip()));
  }

  /** The setting whose {@link #settingName()} is {@code name}. */
  public static Optional<NodeSetting> named(String name) {
    for (NodeSetting setting : values()) {
      if (setting.name.equals(name)) {
        return Optional.of(setting);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 such as PT30S.
   *
   * @throws IllegalArgumentException naming the setting {@code name}
   */
  public static Duration duration(String name, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be like 30s, 5m, 1h, 500ms or PT30S; got '" + text + "'", e);
    }
  }

  private interface Apply {
    void to(NodeConfig.Builder builder, Text value);
  }

  /** The anchor's settings are checked together (an RPC URL needs a contract and a key). */
  private static void anchor(NodeConfig.Builder builder, Text value) {
    builder.anchorText(value.setting(), value.text());
  }

  /** A setting's text, parsed with errors that name the setting. */
  record Text(NodeSetting setting, String text) {
    int integer() {
      long value = number();
      if (value != (int) value) {
        throw new IllegalArgumentException(setting.name + " is too large: " + value);
      }
      return (int) value;
    }

    long number() {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            setting.name + " must be a whole number, got '" + text + "'", e);
      }
    }

    boolean bool() {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new IllegalArgumentException(
                setting.name + " must be true or false, got '" + text + "'");
      };
    }

    Duration duration() {
      return NodeSetting.duration(setting.name, text);
    }
  }
}
