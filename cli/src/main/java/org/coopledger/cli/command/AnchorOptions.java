package org.coopledger.cli.command;

import java.net.URI;
import java.util.Optional;
import org.coopledger.contracts.chain.EthAddress;
import picocli.CommandLine.Option;

/** {@code --anchor-rpc URL --anchor-contract ADDR [--anchor-admin ADDR]} for {@code coop audit}. */
public final class AnchorOptions {
  @Option(
      names = "--anchor-rpc",
      paramLabel = "URL",
      description = "also check the node against its on-chain anchor, read from this Ethereum RPC")
  URI rpc;

  @Option(
      names = "--anchor-contract",
      paramLabel = "ADDR",
      description = "the CheckpointAnchor contract (with --anchor-rpc)")
  String contract;

  @Option(
      names = "--anchor-admin",
      paramLabel = "ADDR",
      description =
          "the co-op's anchoring admin, from the co-op's own records (default: the account the"
              + " node says it anchors from)")
  String admin;

  /** Whether an anchor check was asked for; then the contract must be given too. */
  public boolean enabled() {
    if (rpc == null && (contract != null || admin != null)) {
      throw new IllegalArgumentException("--anchor-contract and --anchor-admin need --anchor-rpc");
    }
    if (rpc != null && contract == null) {
      throw new IllegalArgumentException("--anchor-rpc needs --anchor-contract ADDR");
    }
    return rpc != null;
  }

  public URI rpc() {
    return rpc;
  }

  public EthAddress contract() {
    return EthAddress.parse(contract);
  }

  public Optional<EthAddress> admin() {
    return Optional.ofNullable(admin).map(EthAddress::parse);
  }
}
