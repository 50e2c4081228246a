package org.coopledger.contracts.anchor;

/** The result of posting an anchor: what is now on chain, and what it cost in gas. */
public record AnchorReceipt(Anchor anchor, long gasUsed) {
  public AnchorReceipt {
    if (anchor == null || gasUsed <= 0) {
      throw new IllegalArgumentException("a receipt needs the anchor and the gas it used");
    }
  }
}
