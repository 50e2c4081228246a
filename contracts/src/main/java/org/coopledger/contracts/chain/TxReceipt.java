package org.coopledger.contracts.chain;

/** A mined, successful transaction. */
public record TxReceipt(Bytes32 hash, long blockNumber, long gasUsed) {
  public TxReceipt {
    if (hash == null || blockNumber < 0 || gasUsed <= 0) {
      throw new IllegalArgumentException(
          "a receipt needs a hash, a block and the gas used: " + hash + ", " + blockNumber);
    }
  }
}
