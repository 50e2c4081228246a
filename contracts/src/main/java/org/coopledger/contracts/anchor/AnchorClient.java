package org.coopledger.contracts.anchor;

import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.ChainException;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthRpc;
import org.coopledger.contracts.chain.TxReceipt;
import org.web3j.crypto.Credentials;

/**
 * Posts to a deployed CheckpointAnchor from one Ethereum account, and reads from it. Every write is
 * simulated first, so a refusal comes back as an {@link AnchorException} with a specific code and
 * costs no gas; then it is signed locally (the key never leaves this process), sent, and waited for
 * until mined. Thread-safe; writes are serialised.
 */
public final class AnchorClient extends AnchorReader {
  private final Credentials key;

  public AnchorClient(EthRpc rpc, EthAddress contract, Credentials key) {
    super(rpc, contract);
    this.key = key;
  }

  /** Deploys a new CheckpointAnchor from {@code key}'s account and returns its address. */
  public static EthAddress deploy(EthRpc rpc, Credentials key) {
    return rpc.deploy(key, ContractArtifact.creationCode());
  }

  /** This client's account. */
  public EthAddress account() {
    return EthAddress.parse(key.getAddress());
  }

  /** The ledger id that this account gets (or got) by registering {@code name}. */
  public LedgerId ledgerIdFor(Bytes32 name) {
    return LedgerId.of(account(), name);
  }

  /**
   * Registers {@code name}, making this account the admin and first anchorer of the returned ledger
   * id.
   */
  public LedgerId register(Bytes32 name) {
    transact(AnchorAbi.register(name));
    return ledgerIdFor(name);
  }

  /** Allows or revokes an account to anchor {@code ledger}; only its admin may. */
  public TxReceipt setAnchorer(LedgerId ledger, EthAddress account, boolean allowed) {
    return transact(AnchorAbi.setAnchorer(ledger, account, allowed));
  }

  /** Anchors a checkpoint; {@code treeSize} must exceed the latest anchored size. */
  public AnchorReceipt anchor(LedgerId ledger, long treeSize, Bytes32 rootHash) {
    if (treeSize <= 0) {
      throw new IllegalArgumentException("only a non-empty tree can be anchored, got size 0");
    }
    TxReceipt tx = transact(AnchorAbi.anchor(ledger, treeSize, rootHash));
    return new AnchorReceipt(
        new Anchor(ledger, treeSize, rootHash, tx.blockNumber(), tx.hash()), tx.gasUsed());
  }

  private TxReceipt transact(String data) {
    try {
      return rpc.transact(key, contract, data);
    } catch (ChainException e) {
      throw explain(e);
    }
  }
}
