package org.coopledger.contracts.anchor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.ChainException;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthRpc;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads anchors from a deployed CheckpointAnchor; needs no key, so auditors use it directly.
 *
 * <p>The contract stores only the latest tree size, its block and the root's first 16 bytes; the
 * full root comes from that block's {@code Anchored} event, which is unique per (ledger id, tree
 * size) because sizes strictly grow. The reader checks the event against the stored head and fails
 * with {@link AnchorException#INCONSISTENT} if they disagree. Thread-safe.
 */
public class AnchorReader {
  protected final EthRpc rpc;
  protected final EthAddress contract;

  public AnchorReader(EthRpc rpc, EthAddress contract) {
    this.rpc = rpc;
    this.contract = contract;
  }

  public EthAddress contract() {
    return contract;
  }

  /** The latest anchor of a ledger, or empty if it has none (or is not registered). */
  public Optional<Anchor> latest(LedgerId ledger) {
    AnchorAbi.Latest stored = AnchorAbi.decodeLatest(rpc.call(contract, AnchorAbi.latest(ledger)));
    if (stored.treeSize() == 0) {
      return Optional.empty();
    }
    List<Log> logs =
        rpc.logs(
            contract,
            stored.blockNumber(),
            stored.blockNumber(),
            List.of(
                AnchorAbi.anchoredTopic(),
                ledger.value().hex(),
                AnchorAbi.uint64Topic(stored.treeSize())));
    if (logs.size() != 1) {
      throw new AnchorException(
          AnchorException.INCONSISTENT,
          "expected one Anchored event for ledger "
              + ledger
              + " at tree size "
              + stored.treeSize()
              + " in block "
              + stored.blockNumber()
              + ", found "
              + logs.size()
              + " (is the RPC node pruning logs?)");
    }
    Log log = logs.get(0);
    Bytes32 root = AnchorAbi.decodeAnchoredRoot(log.getData());
    if (!Arrays.equals(root.head(16), stored.rootHead())) {
      throw new AnchorException(
          AnchorException.INCONSISTENT,
          "the Anchored event of ledger "
              + ledger
              + " at size "
              + stored.treeSize()
              + " carries root "
              + root
              + ", which does not match the stored root head");
    }
    return Optional.of(
        new Anchor(
            ledger,
            stored.treeSize(),
            root,
            stored.blockNumber(),
            Bytes32.fromHex(log.getTransactionHash())));
  }

  /**
   * Every anchor of a ledger, from its {@code Anchored} events since block 0, by tree size. A node
   * that anchored one history and later another cannot hide the first: each must be consistent with
   * what it serves now.
   */
  public List<Anchor> all(LedgerId ledger) {
    long head = rpc.blockNumber();
    List<Anchor> out = new java.util.ArrayList<>();
    for (Log log :
        rpc.logs(contract, 0, head, List.of(AnchorAbi.anchoredTopic(), ledger.value().hex()))) {
      long size =
          new java.math.BigInteger(log.getTopics().get(2).substring(2), 16).longValueExact();
      out.add(
          new Anchor(
              ledger,
              size,
              AnchorAbi.decodeAnchoredRoot(log.getData()),
              log.getBlockNumber().longValueExact(),
              Bytes32.fromHex(log.getTransactionHash())));
    }
    out.sort(java.util.Comparator.comparingLong(Anchor::treeSize));
    return out;
  }

  /** The admin that registered a ledger id, or empty if nobody did. */
  public Optional<EthAddress> adminOf(LedgerId ledger) {
    EthAddress admin = AnchorAbi.decodeAddress(rpc.call(contract, AnchorAbi.adminOf(ledger)));
    return admin.hex().equals("0x" + "0".repeat(40)) ? Optional.empty() : Optional.of(admin);
  }

  public boolean isAnchorer(LedgerId ledger, EthAddress account) {
    return AnchorAbi.decodeBool(rpc.call(contract, AnchorAbi.isAnchorer(ledger, account)));
  }

  /**
   * Turns a contract revert into an {@link AnchorException} with a specific code; other chain
   * failures pass through unchanged.
   */
  static ChainException explain(ChainException e) {
    Optional<AnchorAbi.RevertError> error = e.revertData().flatMap(AnchorAbi::decodeError);
    if (error.isEmpty()) {
      return e;
    }
    List<?> args = error.get().arguments().stream().map(t -> t.getValue()).toList();
    String ledger = Bytes32.of((byte[]) args.get(0)).hex();
    return switch (error.get().signature()) {
      case AnchorAbi.ERR_NOT_ANCHORER ->
          new AnchorException(
              AnchorException.NOT_ANCHORER,
              "account "
                  + args.get(1)
                  + " may not anchor ledger "
                  + ledger
                  + "; its admin must add it with setAnchorer",
              e);
      case AnchorAbi.ERR_NOT_ADMIN ->
          new AnchorException(
              AnchorException.NOT_ADMIN,
              "account " + args.get(1) + " is not the admin of ledger " + ledger,
              e);
      case AnchorAbi.ERR_ALREADY_REGISTERED ->
          new AnchorException(
              AnchorException.ALREADY_REGISTERED,
              "ledger " + ledger + " is already registered by this account",
              e);
      case AnchorAbi.ERR_TREE_SIZE_NOT_GROWING ->
          new AnchorException(
              AnchorException.TREE_SIZE_NOT_GROWING,
              "ledger "
                  + ledger
                  + " is already anchored at tree size "
                  + args.get(1)
                  + "; a new anchor needs a larger size than "
                  + args.get(2),
              e);
      default -> e;
    };
  }
}
