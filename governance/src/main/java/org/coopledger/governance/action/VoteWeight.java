package org.coopledger.governance.action;

import org.coopledger.governance.crypto.KeyId;

/** A member's weight in a proposal's vote. */
public record VoteWeight(KeyId member, long weight) {
  public VoteWeight {
    Fields.required(member, "vote weight member id");
    if (weight <= 0 || weight > 1_000_000_000L) {
      throw new InvalidActionException(
          "vote weight of " + member + " must be between 1 and 1000000000, got " + weight);
    }
  }
}
