package org.coopledger.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopledger.api.client.NodeClient;
import org.coopledger.contracts.anchor.Anchor;
import org.coopledger.contracts.anchor.AnchorCheck;
import org.coopledger.contracts.anchor.AnchorReader;
import org.coopledger.contracts.anchor.LedgerId;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthRpc;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InclusionProof;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * The anchor part of an audit: reads every anchor of the co-op from the CheckpointAnchor contract's
 * {@code Anchored} events and checks that the node's audited checkpoint extends each of them (a
 * consistency proof from each anchored size). A node that rewrote its history since any anchor
 * cannot pass, even if it anchored the rewritten history later. Each anchor's block time must also
 * be no earlier than the accepted time of the last entry it covers (see {@link CheckpointTimes}).
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
      String txHash,
      int anchorsChecked,
      boolean adminIsNode) {}

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
    Anchor latest;
    List<Anchor> every;
    Map<Long, Long> blockTimes = new HashMap<>();
    try (EthRpc chain = EthRpc.connect(rpc)) {
      AnchorReader reader = new AnchorReader(chain, contract);
      latest =
          reader
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
      every = reader.all(ledger);
      for (Anchor anchored : every) {
        blockTimes.computeIfAbsent(anchored.blockNumber(), chain::blockTimestamp);
      }
    }
    // Every anchor ever posted, not only the latest: a node that anchored one history and then
    // a fork must not pass because the fork came last.
    for (Anchor anchored : every) {
      List<Hash> path = new ArrayList<>();
      if (anchored.treeSize() < audited.size()) {
        node.consistencyProof(anchored.treeSize(), audited.size())
            .hashes()
            .forEach(h -> path.add(Hash.fromBase64(h)));
      }
      AnchorCheck.verify(anchored, audited, path);
      // The block's time is the chain's, not the node's: no entry it covers was accepted later.
      long last = anchored.treeSize() - 1;
      CheckpointTimes.requireNotBefore(
          blockTimes.get(anchored.blockNumber()),
          acceptedAt(last, audited),
          "the checkpoint of size "
              + anchored.treeSize()
              + " was anchored in block "
              + anchored.blockNumber());
    }
    return new AnchorVerdict(
        contract.hex(),
        ledger.toString(),
        ledgerAdmin.hex(),
        admin.isEmpty(),
        latest.treeSize(),
        latest.rootHash().hex(),
        latest.blockNumber(),
        latest.txHash().hex(),
        every.size(),
        nodeAccount().map(ledgerAdmin::equals).orElse(false));
  }

  /** The accepted time of entry {@code index}, proven to be in the audited checkpoint. */
  private long acceptedAt(long index, Checkpoint audited) {
    byte[] leaf = node.entry(index).leafBytes();
    List<Hash> path = new ArrayList<>();
    node.inclusionProof(index, audited.size()).hashes().forEach(h -> path.add(Hash.fromBase64(h)));
    try {
      new InclusionProof(index, audited.size(), path)
          .verify(TreeHasher.leafHash(leaf), Hash.of(audited.rootHash()));
      return AcceptedEntry.fromBytes(leaf).acceptedAtMillis();
    } catch (CoopException e) {
      throw new VerificationException(
          "ENTRY_MISSING",
          "entry #"
              + index
              + " as the node serves it now is not in the audited ledger: "
              + e.getMessage(),
          e);
    }
  }

  /** The node's own anchoring account, if it anchors. */
  private Optional<EthAddress> nodeAccount() {
    JsonNode anchors = node.getJson("/v1/anchors");
    if (!anchors.path("enabled").asBoolean(false) || !anchors.path("account").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(EthAddress.parse(anchors.path("account").asText()));
  }

  private EthAddress adminNamedByNode() {
    return nodeAccount()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the node does not anchor, so it cannot name the co-op's anchoring admin;"
                        + " give it with --anchor-admin ADDR"));
  }
}
