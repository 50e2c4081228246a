package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.codec.AcceptedEntry;

/**
 * Replays a ledger from the empty state: what an auditor does to check a node's state digest.
 *
 * @param state the state after the last record
 * @param outcomes one outcome per record, in order
 */
public record Replay(CoopState state, List<EntryOutcome> outcomes) {
  public Replay {
    outcomes = List.copyOf(outcomes);
  }

  /** Applies {@code records} in order to {@code start}. */
  public static Replay of(CoopState start, Iterable<AcceptedEntry> records, SignatureVerifier v) {
    CoopState state = start;
    List<EntryOutcome> outcomes = new ArrayList<>();
    for (AcceptedEntry record : records) {
      EntryOutcome outcome = StateMachine.apply(state, record, v);
      outcomes.add(outcome);
      state = outcome.state();
    }
    return new Replay(state, outcomes);
  }

  /** Applies {@code records} in order to the empty state, verifying every signature. */
  public static Replay of(Iterable<AcceptedEntry> records) {
    return of(CoopState.empty(), records, SignatureVerifier.CRYPTO);
  }

  /** The rejected outcomes. */
  public List<EntryOutcome.Rejected> rejections() {
    return outcomes.stream()
        .filter(o -> o instanceof EntryOutcome.Rejected)
        .map(o -> (EntryOutcome.Rejected) o)
        .toList();
  }
}
