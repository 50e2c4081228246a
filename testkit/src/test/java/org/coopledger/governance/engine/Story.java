package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.testkit.CoopFixture;

/** A ledger under test: entries are accepted 100 ms after the fixture made them. */
final class Story {
  final CoopFixture coop;
  final List<AcceptedEntry> ledger = new ArrayList<>();
  CoopState state = CoopState.empty();

  Story(CoopFixture coop) {
    this.coop = coop;
  }

  /** Applies the entry at its creation time + 100 ms and records it in the ledger. */
  EntryOutcome submit(byte[] signedEntry) {
    return submitAt(signedEntry, coop.clock() - 1000 + 100);
  }

  EntryOutcome submitAt(byte[] signedEntry, long acceptedAt) {
    AcceptedEntry record = new AcceptedEntry(signedEntry, acceptedAt);
    ledger.add(record);
    EntryOutcome outcome = StateMachine.apply(state, record, SignatureVerifier.CRYPTO);
    state = outcome.state();
    return outcome;
  }

  /** Submits and asserts that the entry took effect. */
  EntryOutcome.Applied accept(byte[] signedEntry) {
    EntryOutcome outcome = submit(signedEntry);
    assertThat(outcome).as("outcome of %s", outcome).isInstanceOf(EntryOutcome.Applied.class);
    return (EntryOutcome.Applied) outcome;
  }

  /**
   * Submits and asserts a rejection with {@code code} and its category; the state must not change.
   */
  EntryOutcome.Rejected reject(byte[] signedEntry, RejectionCode code) {
    EntryOutcome.Rejected rejected = reject(signedEntry, code.name());
    assertThat(rejected.category()).as(code.name()).isEqualTo(code.category());
    return rejected;
  }

  /** Submits and asserts a rejection with {@code code}; the state must not change. */
  EntryOutcome.Rejected reject(byte[] signedEntry, String code) {
    CoopState before = state;
    EntryOutcome outcome = submit(signedEntry);
    assertThat(outcome).as("outcome").isInstanceOf(EntryOutcome.Rejected.class);
    EntryOutcome.Rejected rejected = (EntryOutcome.Rejected) outcome;
    assertThat(rejected.code()).as(rejected.message()).isEqualTo(code);
    assertThat(state.digestHex()).isEqualTo(before.digestHex());
    return rejected;
  }
}
