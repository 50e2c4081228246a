package org.coopledger.node.ledger;

import org.coopledger.governance.codec.AcceptedEntry;

/**
 * A record for {@link Ledger#apply}: its exact bytes (a serialized {@code LedgerRecord}, the Merkle
 * leaf's content) and, on the node that checked the entry before ordering it, the {@link
 * CheckedEntry} it was built from. Elsewhere (a follower, a replay after a restart) {@code checked}
 * is null and apply decodes and verifies everything from the bytes; the outcome is the same.
 */
public record NewRecord(byte[] bytes, long acceptedAtMillis, CheckedEntry checked) {
  /** The record of a checked entry accepted at {@code acceptedAtMillis}, built by AcceptedEntry. */
  public static NewRecord of(CheckedEntry checked, long acceptedAtMillis) {
    byte[] bytes = new AcceptedEntry(checked.signedEntryBytes(), acceptedAtMillis).toBytes();
    return new NewRecord(bytes, acceptedAtMillis, checked);
  }

  /** A record read from the Raft log, with nothing known about it yet. */
  public static NewRecord replicated(byte[] bytes) {
    return new NewRecord(bytes, -1, null);
  }
}
