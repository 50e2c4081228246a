package org.coopledger.governance.view;

import java.util.List;

/** A split version with its shares (basis points and a percentage with two decimals). */
public record SplitView(int version, long adoptedAtMillis, List<ShareView> shares) {
  public SplitView {
    shares = List.copyOf(shares);
  }

  /** One member's share. */
  public record ShareView(String memberId, String name, int basisPoints, String percent) {}
}
