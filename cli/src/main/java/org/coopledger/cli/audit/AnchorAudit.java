package org.coopledger.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coopledger.api.client.NodeClient;
import org.coopledger.contracts.anchor.Anchor;
import org.coopledger.contracts.anchor.AnchorCheck;
import org.coopledger.contracts.anchor.AnchorReader;
import org.coopledger.contracts.anchor.LedgerId;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthRpc;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;

/**
 * The anchor part of an audit: reads the co-op's latest anchor from the CheckpointAnchor contract
 * and checks that the node's audited checkpoint extends it (a consistency proof from the anchored
 * size). A node that rewrote its history since the anchor cannot pass.
 *
 * <p>The ledger id comes from the co-op's anchoring admin and its co-op id. The admin should be
 * given ({@code --anchor-admin}, from the co-op's own records); otherwise the node's own anchoring
 * account is used, which trusts the node to name the right ledger, and the step says so.
 */
public final class AnchorAudit {
  /** No anchor exists on chain for the ledger being checked. */
  public static final String NO_ANCHOR = "NO_ANCHOR";

  /** What the anchor check established. */
  public record AnchorVerdict(
      String contract,
      String ledgerId,
      String admin,
      boolean adminFromNode,
      long anchoredSize,
      String anchoredRoot,
      long blockNumber,
      String txHash) {}

  private final NodeClient node;
  private final URI rpc;
  private final EthAddress contract;
  private final Optional<EthAddress> admin;

  public AnchorAudit(NodeClient node, URI rpc, EthAddress contract, Optional<EthAddress> admin) {
    this.node = node;
    this.rpc = rpc;
    this.contract = contract;
    this.admin = admin;
  }

  /**
   * Checks the audited checkpoint against the chain.
   *
   * @param coopId the co-op id established by the audit's replay
   * @param audited the checkpoint the audit verified
   * @throws VerificationException {@link #NO_ANCHOR}, or {@link AnchorCheck}'s codes
   */
  public AnchorVerdict check(String coopId, Checkpoint audited) {
    EthAddress ledgerAdmin = admin.orElseGet(this::adminNamedByNode);
    LedgerId ledger = LedgerId.of(ledgerAdmin, LedgerId.nameOf(coopId));
    Anchor anchored;
    try (EthRpc chain = EthRpc.connect(rpc)) {
      anchored =
          new AnchorReader(chain, contract)
              .latest(ledger)
              .orElseThrow(
                  () ->
                      new VerificationException(
                          NO_ANCHOR,
                          "no anchor on chain for co-op "
                              + coopId
                              + " (ledger "
                              + ledger
                              + ", admin "
                              + ledgerAdmin
                              + ", contract "
                              + contract
                              + "): nothing to check the node against"));
    }
    List<Hash> path = new ArrayList<>();
    if (anchored.treeSize() < audited.size()) {
      JsonNode proof = node.consistencyProof(anchored.treeSize(), audited.size());
      proof.path("hashes").forEach(h -> path.add(Hash.fromBase64(h.asText())));
    }
    AnchorCheck.verify(anchored, audited, path);
    return new AnchorVerdict(
        contract.hex(),
        ledger.toString(),
        ledgerAdmin.hex(),
        admin.isEmpty(),
        anchored.treeSize(),
        anchored.rootHash().hex(),
        anchored.blockNumber(),
        anchored.txHash().hex());
  }

  private EthAddress adminNamedByNode() {
    JsonNode anchors = node.getJson("/v1/anchors");
    if (!anchors.path("enabled").asBoolean(false) || !anchors.path("account").isTextual()) {
      throw new IllegalArgumentException(
          "the node does not anchor, so it cannot name the co-op's anchoring admin;"
              + " give it with --anchor-admin ADDR");
    }
    return EthAddress.parse(anchors.path("account").asText());
  }
}
