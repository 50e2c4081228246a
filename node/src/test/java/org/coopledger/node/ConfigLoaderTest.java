package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsServeTheLocalDemoCoopFromCoopData() {
    NodeConfig config = ConfigLoader.load(List.of(), Map.of());
    assertThat(config.dataDir()).isEqualTo(Path.of("coop-data"));
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.coopId()).isEqualTo("demo-coop");
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheConfigFile() throws Exception {
    Path file = dir.resolve("node.properties");
    Files.writeString(file, "port=7000\ncoop=from-file\ncheckpoint-every=7\n");
    NodeConfig config =
        ConfigLoader.load(
            List.of("--config", file.toString(), "--port=9000"),
            Map.of("COOP_PORT", "8000", "COOP_COOP", "from-env"));
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.coopId()).isEqualTo("from-env");
    assertThat(config.checkpointEvery()).isEqualTo(7);
  }

  @Test
  void unknownFlagsAndSettingsAreNamed() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--prot", "1"), Map.of()))
        .hasMessageContaining("--prot");
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "colour=blue\n");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), Map.of()))
        .hasMessageContaining("colour");
  }

  @Test
  void badValuesSayWhatIsExpected() {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--port", "http"), Map.of()))
        .hasMessageContaining("port must be a whole number");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--port", "70000"), Map.of()))
        .hasMessageContaining("0-65535");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--coop", "Bad Id"), Map.of()))
        .hasMessageContaining("co-op id");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--port"), Map.of()))
        .hasMessageContaining("needs a value");
  }
}
