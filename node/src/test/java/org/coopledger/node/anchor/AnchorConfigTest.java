package org.coopledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.NodeConfigReader;
import org.junit.jupiter.api.Test;

class AnchorConfigTest {
  private static final String CONTRACT = "0x" + "ab".repeat(20);

  @Test
  void anchoringIsOffUnlessAnRpcUrlIsGiven() {
    assertThat(NodeConfigReader.read(List.of(), Map.of(), new Properties()).anchor().enabled())
        .isFalse();
  }

  @Test
  void theAnchorFlagsAndEnvironmentTurnAnchoringOn() {
    NodeConfig config =
        NodeConfigReader.read(
            List.of(
                "--anchor-rpc", "http://127.0.0.1:8545",
                "--anchor-contract", CONTRACT,
                "--anchor-interval", "5m"),
            Map.of("COOP_ANCHOR_KEY", "/keys/anchor.key"),
            new Properties());

    assertThat(config.anchor().enabled()).isTrue();
    assertThat(config.anchor().contract().orElseThrow().hex()).isEqualTo(CONTRACT);
    assertThat(config.anchor().keyFile().orElseThrow()).hasToString("/keys/anchor.key");
    assertThat(config.anchor().interval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(AnchorConfig.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(AnchorConfig.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(AnchorConfig.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(AnchorConfig.duration("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> AnchorConfig.duration("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("anchor-interval");
  }

  @Test
  void incompleteOrBadAnchorSettingsNameWhatIsMissing() {
    assertThatThrownBy(() -> AnchorConfig.parse("http://127.0.0.1:8545", null, "k", null, null))
        .hasMessageContaining("--anchor-contract");
    assertThatThrownBy(
            () -> AnchorConfig.parse("http://127.0.0.1:8545", CONTRACT, null, null, null))
        .hasMessageContaining("--anchor-key");
    assertThatThrownBy(() -> AnchorConfig.parse(null, CONTRACT, "k", null, null))
        .hasMessageContaining("--anchor-rpc");
    assertThatThrownBy(() -> AnchorConfig.parse("ftp://x", CONTRACT, "k", null, null))
        .hasMessageContaining("anchor-rpc");
    assertThatThrownBy(() -> AnchorConfig.parse("http://x", "0x12", "k", null, null))
        .hasMessageContaining("anchor-contract");
    assertThatThrownBy(() -> AnchorConfig.parse("http://x", CONTRACT, "k", "0s", null))
        .hasMessageContaining("positive");
  }
}
