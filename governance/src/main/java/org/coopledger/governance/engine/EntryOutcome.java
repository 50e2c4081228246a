package org.coopledger.governance.engine;

import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.error.ErrorCategory;

/** What applying one ledger record did: it took effect, or it was rejected (state unchanged). */
public sealed interface EntryOutcome {

  /** The state after the record (the state before, for a rejection). */
  CoopState state();

  /**
   * The record took effect.
   *
   * @param entryId the entry's id (for a create-proposal entry, the new proposal's id)
   * @param summary one human-readable line about what happened
   */
  record Applied(CoopState state, EntryId entryId, String summary) implements EntryOutcome {}

  /**
   * The record was rejected; {@code code} is stable (see docs/governance.md), {@code message} says
   * what to do about it. {@code entryId} is null when the bytes could not be decoded.
   */
  record Rejected(
      CoopState state, EntryId entryId, String code, String message, ErrorCategory category)
      implements EntryOutcome {}
}
