package org.coopledger.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.coopledger.node.anchor.AnchorConfig;

/**
 * Builds a {@link NodeConfig} from, in increasing precedence: the embedded defaults, a properties
 * file ({@code --config FILE}), environment variables ({@code COOP_PORT=8081}) and command-line
 * flags ({@code --port 8081} or {@code --port=8081}). Every setting has the same name everywhere:
 * {@code port} in the file, {@code COOP_PORT} in the environment, {@code --port} as a flag.
 */
public final class ConfigLoader {
  /** The settings and what they mean; printed by {@code --help}. */
  public static final Map<String, String> SETTINGS = settings();

  private ConfigLoader() {}

  private static Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("data", "data directory (default ./coop-data)");
    s.put("host", "address to bind (default 127.0.0.1)");
    s.put("port", "REST port, 0 = any free port (default 8080)");
    s.put("coop", "co-op id served by this node (default demo-coop)");
    s.put("peer-id", "Raft peer id of this node (default node-1)");
    s.put("raft-port", "Raft RPC port, 0 = any free port (default 0)");
    s.put("checkpoint-every", "entries between checkpoints (default 1000)");
    s.put("checkpoint-interval-ms", "milliseconds between checkpoints (default 1000)");
    s.put("max-body-bytes", "largest request body (default 1048576)");
    s.put("max-page-size", "most entries per listing (default 1000)");
    s.put("batch-max-entries", "most entries per Raft log entry (default 1000)");
    s.put("snapshot-every", "Raft log entries between snapshots (default 1000)");
    s.put("startup-check-records", "newest records re-hashed at start, -1 = all (default 10000)");
    s.put("anchor-rpc", "Ethereum JSON-RPC URL to anchor checkpoints on (default: no anchoring)");
    s.put("anchor-contract", "address of the CheckpointAnchor contract");
    s.put("anchor-key", "file with the node's Ethereum account key (0x + 64 hex digits)");
    s.put(
        "anchor-interval", "how often to anchor the latest checkpoint, e.g. 30s, 5m (default 30s)");
    s.put("anchor-admin", "account that registered the co-op's ledger (default: the node's own)");
    return Map.copyOf(s);
  }

  /**
   * Reads the configuration.
   *
   * @throws IllegalArgumentException naming the setting that is unknown or has a bad value
   */
  public static NodeConfig load(List<String> args, Map<String, String> environment) {
    Map<String, String> flags = parseFlags(args);
    Map<String, String> values = new LinkedHashMap<>();
    String file = flags.getOrDefault("config", environment.get("COOP_CONFIG"));
    if (file != null) {
      values.putAll(readFile(Path.of(file)));
    }
    for (String key : SETTINGS.keySet()) {
      String env =
          environment.get("COOP_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      if (env != null) {
        values.put(key, env);
      }
    }
    flags.remove("config");
    values.putAll(flags);
    return apply(NodeConfig.defaults(), values);
  }

  private static Map<String, String> parseFlags(List<String> args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "'; flags are --name value");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("flag --" + name + " needs a value");
      }
      if (!name.equals("config") && !SETTINGS.containsKey(name)) {
        throw new IllegalArgumentException("unknown flag --" + name + "; see --help");
      }
      flags.put(name, value);
    }
    return flags;
  }

  private static Map<String, String> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!SETTINGS.containsKey(key)) {
        throw new IllegalArgumentException("unknown setting '" + key + "' in " + file);
      }
      values.put(key, properties.getProperty(key).strip());
    }
    return values;
  }

  private static NodeConfig apply(NodeConfig d, Map<String, String> v) {
    return new NodeConfig(
        v.containsKey("data") ? Path.of(v.get("data")) : d.dataDir(),
        v.getOrDefault("host", d.host()),
        integer(v, "port", d.port()),
        v.getOrDefault("coop", d.coopId()),
        v.getOrDefault("peer-id", d.peerId()),
        integer(v, "raft-port", d.raftPort()),
        number(v, "checkpoint-every", d.checkpointEvery()),
        number(v, "checkpoint-interval-ms", d.checkpointIntervalMillis()),
        integer(v, "max-body-bytes", d.maxBodyBytes()),
        integer(v, "max-page-size", d.maxPageSize()),
        integer(v, "batch-max-entries", d.batchMaxEntries()),
        number(v, "snapshot-every", d.snapshotEvery()),
        number(v, "startup-check-records", d.startupCheckRecords()),
        AnchorConfig.parse(
            v.get("anchor-rpc"),
            v.get("anchor-contract"),
            v.get("anchor-key"),
            v.get("anchor-interval"),
            v.get("anchor-admin")));
  }

  private static int integer(Map<String, String> values, String key, int fallback) {
    long value = number(values, key, fallback);
    if (value != (int) value) {
      throw new IllegalArgumentException(key + " is too large: " + value);
    }
    return (int) value;
  }

  private static long number(Map<String, String> values, String key, long fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'", e);
    }
  }
}
