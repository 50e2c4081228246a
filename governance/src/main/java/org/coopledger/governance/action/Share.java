package org.coopledger.governance.action;

import org.coopledger.governance.crypto.MemberId;

/** A member's part of a revenue split in basis points (10 000 = 100 %). */
public record Share(MemberId member, int basisPoints) {
  public Share {
    Fields.required(member, "share member id");
    if (basisPoints <= 0 || basisPoints > 10_000) {
      throw new InvalidActionException(
          "share of " + member + " must be between 1 and 10000 basis points, got " + basisPoints);
    }
  }
}
