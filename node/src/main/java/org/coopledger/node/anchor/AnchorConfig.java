package org.coopledger.node.anchor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.node.NodeSetting;

/**
 * Whether and where a node anchors its checkpoints. Anchoring is on when an RPC URL is given, and
 * then the contract and the key file are required too.
 *
 * @param rpc the chain's JSON-RPC endpoint ({@code --anchor-rpc})
 * @param contract the deployed CheckpointAnchor ({@code --anchor-contract})
 * @param keyFile the node's Ethereum account key ({@code --anchor-key})
 * @param interval how often to anchor the latest checkpoint ({@code --anchor-interval})
 * @param admin the account that registered the co-op's ledger ({@code --anchor-admin}); empty = the
 *     node's own account, which registers the ledger itself if nobody has
 */
public record AnchorConfig(
    Optional<URI> rpc,
    Optional<EthAddress> contract,
    Optional<Path> keyFile,
    Duration interval,
    Optional<EthAddress> admin) {

  public AnchorConfig {
    if (rpc == null || contract == null || keyFile == null || interval == null || admin == null) {
      throw new IllegalArgumentException("anchor settings must not be null (use Optional.empty)");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("anchor-interval must be positive, got " + interval);
    }
    if (rpc.isPresent() && (contract.isEmpty() || keyFile.isEmpty())) {
      throw new IllegalArgumentException(
          "anchoring with --anchor-rpc also needs "
              + (contract.isEmpty() ? "--anchor-contract ADDR" : "--anchor-key FILE"));
    }
    if (rpc.isEmpty() && (contract.isPresent() || keyFile.isPresent() || admin.isPresent())) {
      throw new IllegalArgumentException(
          "--anchor-contract, --anchor-key and --anchor-admin need --anchor-rpc URL too");
    }
  }

  /** Anchoring on, to {@code contract} at {@code rpc}, as the ledger's own admin. */
  public static AnchorConfig to(URI rpc, EthAddress contract, Path keyFile, Duration interval) {
    return new AnchorConfig(
        Optional.of(rpc), Optional.of(contract), Optional.of(keyFile), interval, Optional.empty());
  }

  public boolean enabled() {
    return rpc.isPresent();
  }

  /** Parses the settings as given by flags, environment or file (null = not set). */
  public static AnchorConfig parse(
      String rpc, String contract, String keyFile, String interval, String admin) {
    return new AnchorConfig(
        Optional.ofNullable(rpc).map(AnchorConfig::uri),
        Optional.ofNullable(contract).map(c -> address(c, "anchor-contract")),
        Optional.ofNullable(keyFile).map(Path::of),
        duration(
            interval != null ? interval : NodeSetting.ANCHOR_INTERVAL.defaultValue().orElseThrow()),
        Optional.ofNullable(admin).map(a -> address(a, "anchor-admin")));
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 such as {@code PT30S}. */
  static Duration duration(String text) {
    return NodeSetting.duration(NodeSetting.ANCHOR_INTERVAL.settingName(), text);
  }

  private static URI uri(String text) {
    try {
      URI uri = URI.create(text.strip());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "anchor-rpc must be an http(s) URL such as http://127.0.0.1:8545; got '" + text + "'", e);
    }
  }

  private static EthAddress address(String text, String setting) {
    try {
      return EthAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
    }
  }
}
