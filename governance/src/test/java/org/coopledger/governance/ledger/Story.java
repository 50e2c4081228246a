package org.coopledger.governance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.entry.AcceptedEntry;
import org.coopledger.governance.fixture.CoopFixture;

/** A ledger under test: entries are accepted 100 ms after the fixture made them. */
final class Story {
  final CoopFixture coop;
  final List<AcceptedEntry> ledger = new ArrayList<>();
  CoopState state = CoopState.empty();

  Story(CoopFixture coop) {
    this.coop = coop;
  }

  /** Applies the entry at its creation time + 100 ms and records it in the ledger. */
  Outcome submit(byte[] signedEntry) {
    return submitAt(signedEntry, coop.clock() - 1000 + 100);
  }

  Outcome submitAt(byte[] signedEntry, long acceptedAt) {
    AcceptedEntry record = new AcceptedEntry(signedEntry, acceptedAt);
    ledger.add(record);
    Outcome outcome = StateMachine.apply(state, record, SignatureVerifier.CRYPTO);
    state = outcome.state();
    return outcome;
  }

  /** Submits and asserts that the entry took effect. */
  Outcome.Applied accept(byte[] signedEntry) {
    Outcome outcome = submit(signedEntry);
    assertThat(outcome).as("outcome of %s", outcome).isInstanceOf(Outcome.Applied.class);
    return (Outcome.Applied) outcome;
  }

  /** Submits and asserts a rejection with {@code code}; the state must not change. */
  Outcome.Rejected reject(byte[] signedEntry, String code) {
    CoopState before = state;
    Outcome outcome = submit(signedEntry);
    assertThat(outcome).as("outcome").isInstanceOf(Outcome.Rejected.class);
    Outcome.Rejected rejected = (Outcome.Rejected) outcome;
    assertThat(rejected.code()).as(rejected.message()).isEqualTo(code);
    assertThat(state.digestHex()).isEqualTo(before.digestHex());
    return rejected;
  }
}
