package org.coopledger.governance.action;

import org.coopledger.governance.crypto.LowerHex;

/**
 * The id of an entry, and of the proposal it creates: lowercase hex SHA-256 of the entry's body
 * bytes. An author knows it before submitting, so approvals can be prepared offline.
 */
public record EntryId(String hex) implements Comparable<EntryId> {
  public EntryId {
    if (!LowerHex.is(hex, 64)) {
      throw new InvalidActionException(
          "an entry or proposal id is 64 lowercase hex characters, got '" + hex + "'");
    }
  }

  @Override
  public int compareTo(EntryId other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
