package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigReaderTest {
  private static final Path EXAMPLE = Path.of("..", "docs", "coop-node.yaml");

  @TempDir Path dir;

  private static NodeConfig read(List<String> args, Map<String, String> env) {
    return NodeConfigReader.read(args, env, new Properties());
  }

  @Test
  void defaultsServeTheLocalDemoCoopFromCoopData() {
    NodeConfig config = read(List.of(), Map.of());
    assertThat(config.dataDir()).isEqualTo(Path.of("coop-data"));
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.coopId()).isEqualTo("demo-coop");
    assertThat(config).isEqualTo(NodeConfig.defaults());
  }

  @Test
  void theWritePathTuningIsConfigurableWithTheValuesItHadWhenHardCoded() {
    NodeConfig config = NodeConfig.defaults();
    assertThat(config.batchMaxBytes()).isEqualTo(2 << 20);
    assertThat(config.batchInFlight()).isEqualTo(2);
    assertThat(config.queueLimit()).isEqualTo(100_000);
    assertThat(config.batchLinger()).isEqualTo(Duration.ZERO);
    assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.leaderTimeout()).isEqualTo(Duration.ofSeconds(30));

    NodeConfig tuned = read(List.of("--batch-in-flight", "4", "--write-timeout", "5s"), Map.of());
    assertThat(tuned.batchInFlight()).isEqualTo(4);
    assertThat(tuned.writeTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void flagsBeatSystemPropertiesWhichBeatTheEnvironmentWhichBeatsTheYamlFile() throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(
        file,
        """
        coop:
          port: 7000
          coop: from-file
          peer:
            id: file-peer
          checkpoint:
            every: 7
          raft:
            port: 7001
        """);
    Properties system = new Properties();
    system.setProperty("coop.peer.id", "system-peer");
    system.setProperty("coop.port", "7500");
    NodeConfig config =
        NodeConfigReader.read(
            List.of("--config", file.toString(), "--port=9000"),
            Map.of("COOP_PORT", "8000", "COOP_COOP", "from-env", "COOP_PEER_ID", "env-peer"),
            system);
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.peerId()).isEqualTo("system-peer");
    assertThat(config.coopId()).isEqualTo("from-env");
    assertThat(config.checkpointEvery()).isEqualTo(7);
    assertThat(config.raftPort()).isEqualTo(7001);
  }

  @Test
  void theFileMayBeNamedByTheEnvironment() throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, "coop:\n  snapshot:\n    every: 5\n");
    assertThat(read(List.of(), Map.of("COOP_CONFIG", file.toString())).snapshotEvery())
        .isEqualTo(5);
  }

  @Test
  void unknownFlagsAndFileKeysAreNamed() throws Exception {
    assertThatThrownBy(() -> read(List.of("--prot", "1"), Map.of())).hasMessageContaining("--prot");
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "coop:\n  colour: blue\n");
    assertThatThrownBy(() -> read(List.of("--config", file.toString()), Map.of()))
        .hasMessageContaining("coop.colour");
    assertThatThrownBy(
            () -> read(List.of("--config", dir.resolve("none.yaml").toString()), Map.of()))
        .hasMessageContaining("none.yaml");
  }

  @Test
  void badValuesSayWhatIsExpected() {
    assertThatThrownBy(() -> read(List.of("--port", "http"), Map.of()))
        .hasMessageContaining("port must be a whole number");
    assertThatThrownBy(() -> read(List.of("--port", "70000"), Map.of()))
        .hasMessageContaining("0-65535");
    assertThatThrownBy(() -> read(List.of("--coop", "Bad Id"), Map.of()))
        .hasMessageContaining("co-op id");
    assertThatThrownBy(() -> read(List.of("--port"), Map.of()))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> read(List.of("--write-timeout", "soon"), Map.of()))
        .hasMessageContaining("write-timeout must be like 30s");
    assertThatThrownBy(() -> read(List.of(), Map.of("COOP_QUEUE_LIMIT", "0")))
        .hasMessageContaining("queue limit must be positive");
  }

  @Test
  void aNodeOfAGroupIsGivenEveryPeerAndMustBeOneOfThem() {
    String three =
        "node-1@127.0.0.1:7001@http://127.0.0.1:8001,node-2@127.0.0.1:7002@http://127.0.0.1:8002,"
            + "node-3@127.0.0.1:7003@http://127.0.0.1:8003";
    NodeConfig config = read(List.of("--peer-id", "node-2", "--peers", three), Map.of());
    assertThat(config.peers().all()).hasSize(3);
    assertThat(read(List.of("--peer-id", "node-3"), Map.of("COOP_PEERS", three)).peers())
        .isEqualTo(config.peers());
    assertThatThrownBy(() -> read(List.of("--peer-id", "node-4", "--peers", three), Map.of()))
        .hasMessageContaining("'node-4' is not in the peer list");
    assertThat(NodeConfig.defaults().peers().isEmpty()).isTrue();
  }

  @Test
  void theExampleFileSetsEverySettingToItsDefault() {
    assertThat(read(List.of("--config", EXAMPLE.toString()), Map.of()))
        .isEqualTo(NodeConfig.defaults());
    Config example = Config.just(ConfigSources.file(EXAMPLE));
    for (NodeSetting setting : NodeSetting.values()) {
      boolean optional = setting.defaultValue().isEmpty();
      assertThat(example.get(setting.key()).exists())
          .as(setting.key() + " in docs/coop-node.yaml")
          .isEqualTo(!optional);
      if (!optional) {
        NodeConfig fromExample =
            NodeConfig.builder().set(setting, example.get(setting.key()).asString().get()).build();
        assertThat(fromExample).as(setting.key()).isEqualTo(NodeConfig.defaults());
      }
    }
  }

  @Test
  void eachSettingIsOneFlagOneKeyAndOneEnvironmentVariable() {
    assertThat(NodeSetting.PEER_ID.key()).isEqualTo("coop.peer.id");
    assertThat(NodeSetting.PEER_ID.environmentVariable()).isEqualTo("COOP_PEER_ID");
    for (NodeSetting setting : NodeSetting.values()) {
      assertThat(NodeSetting.named(setting.settingName())).contains(setting);
    }
  }
}
