package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /v1/anchors}: the checkpoints this node anchored on chain, newest first. When
 * anchoring is off, {@code enabled} is false, {@code anchors} empty, and {@code contract}, {@code
 * ledgerId} and {@code account} are absent.
 *
 * @param enabled whether this node anchors
 * @param contract the CheckpointAnchor contract's address
 * @param ledgerId the ledger's id in the contract
 * @param account the node's anchoring account
 * @param lastError why the latest attempt failed; null if it did not
 * @param anchors the anchored checkpoints, newest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnchorsResponse(
    boolean enabled,
    @JsonInclude(JsonInclude.Include.NON_NULL) String contract,
    @JsonInclude(JsonInclude.Include.NON_NULL) String ledgerId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String account,
    String lastError,
    List<Anchor> anchors) {
  public AnchorsResponse {
    anchors = List.copyOf(anchors);
  }

  /** Anchoring is off on this node. */
  public static AnchorsResponse disabled() {
    return new AnchorsResponse(false, null, null, null, null, List.of());
  }

  /**
   * One anchored checkpoint.
   *
   * @param treeSize the checkpoint's tree size
   * @param rootHash its root hash, 0x-hex
   * @param ledgerId the ledger's id in the contract
   * @param blockNumber the block that holds the transaction
   * @param txHash the transaction's hash
   * @param gasUsed the gas it used
   * @param anchoredAt when the node saw it mined (ISO-8601)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Anchor(
      long treeSize,
      String rootHash,
      String ledgerId,
      long blockNumber,
      String txHash,
      long gasUsed,
      String anchoredAt) {}
}
