package org.coopledger.node;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import io.helidon.config.spi.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a {@link NodeConfig} with Helidon Config. In increasing precedence: the defaults of {@link
 * NodeSetting}, a YAML (or properties) file ({@code --config FILE}, {@code -Dcoop.config} or {@code
 * COOP_CONFIG}), environment variables ({@code COOP_PEER_ID}), system properties ({@code
 * -Dcoop.peer.id}) and flags ({@code --peer-id node-2} or {@code --peer-id=node-2}) — Helidon's own
 * layering with the command line on top. Every source uses the keys of {@link NodeSetting#key()}.
 */
public final class NodeConfigReader {
  /** The flag naming the configuration file (also {@code coop.config}, {@code COOP_CONFIG}). */
  private static final String CONFIG_FLAG = "config";

  private static final String CONFIG_KEY = "coop.config";
  private static final Set<String> KEYS =
      Stream.of(NodeSetting.values()).map(NodeSetting::key).collect(Collectors.toUnmodifiableSet());

  private NodeConfigReader() {}

  /** Reads the configuration of this process: its flags, environment and system properties. */
  public static NodeConfig read(List<String> args) {
    return read(args, System.getenv(), System.getProperties());
  }

  /**
   * Reads the configuration.
   *
   * @throws IllegalArgumentException naming the flag or setting that is unknown or has a bad value
   */
  public static NodeConfig read(
      List<String> args, Map<String, String> environment, Properties systemProperties) {
    Map<String, String> flags = new HashMap<>();
    Optional<String> file = Optional.empty();
    for (Map.Entry<String, String> flag : parseFlags(args).entrySet()) {
      if (flag.getKey().equals(CONFIG_FLAG)) {
        file = Optional.of(flag.getValue());
      } else {
        flags.put(setting(flag.getKey()).key(), flag.getValue());
      }
    }
    Map<String, String> env = EnvironmentVariables.expand(environment);
    file =
        file.or(() -> Optional.ofNullable(systemProperties.getProperty(CONFIG_KEY)))
            .or(() -> Optional.ofNullable(env.get(CONFIG_KEY)));
    List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
    sources.add(ConfigSources.create(flags, "flags"));
    sources.add(ConfigSources.create(systemProperties, "system properties"));
    sources.add(ConfigSources.create(env, "environment variables"));
    file.map(Path::of).map(NodeConfigReader::fileSource).ifPresent(sources::add);
    Config config =
        Config.builder()
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .sources(sources)
            .build();
    NodeConfig.Builder builder = NodeConfig.builder();
    for (NodeSetting setting : NodeSetting.values()) {
      value(config, setting).ifPresent(text -> builder.set(setting, text));
    }
    return builder.build();
  }

  /** The file as a source, after checking that it holds only known settings. */
  private static ConfigSource fileSource(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot read config file " + file + ": no such file");
    }
    try {
      Config content = Config.just(ConfigSources.file(file));
      List<String> unknown =
          content
              .traverse()
              .filter(Config::isLeaf)
              .map(node -> node.key().toString())
              .filter(key -> !KEYS.contains(key))
              .sorted()
              .toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown setting " + String.join(", ", unknown) + " in " + file + "; see --help");
      }
      return ConfigSources.create(content);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          "cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> value(Config config, NodeSetting setting) {
    Config node = config.get(setting.key());
    if (!node.exists()) {
      return Optional.empty();
    }
    if (!node.isLeaf()) {
      throw new IllegalArgumentException(
          setting.key() + " must be a single value, not a section or a list");
    }
    return node.asString().asOptional();
  }

  private static NodeSetting setting(String flag) {
    return NodeSetting.named(flag)
        .orElseThrow(() -> new IllegalArgumentException("unknown flag --" + flag + "; see --help"));
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
      if (!name.equals(CONFIG_FLAG)) {
        setting(name);
      }
      flags.put(name, value);
    }
    return flags;
  }
}
