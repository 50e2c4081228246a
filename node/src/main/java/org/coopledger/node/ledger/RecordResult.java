package org.coopledger.node.ledger;

import org.coopledger.governance.error.ErrorCode;
import org.coopledger.governance.merkle.Hash;

/**
 * What applying one record did: it joined the ledger (or the ledger already held exactly its signed
 * entry), or the governance rules refused it.
 */
public sealed interface RecordResult {
  /**
   * The record is in the ledger.
   *
   * @param index its position
   * @param leafHash the RFC 9162 leaf hash of its record
   * @param treeSize the tree size right after it
   * @param acceptedAtMillis the acceptance time its record carries (what its receipt names)
   * @param duplicate the ledger already held exactly this signed entry: these are the first copy's
   *     index, leaf hash and time, and this copy changed nothing
   */
  record Accepted(
      long index, Hash leafHash, long treeSize, long acceptedAtMillis, boolean duplicate)
      implements RecordResult {}

  /**
   * The state machine rejected the record (deterministically: every node rejects it); the ledger is
   * unchanged by it. {@code code} is stable (docs/governance.md).
   */
  record Rejected(ErrorCode code, String message) implements RecordResult {}
}
