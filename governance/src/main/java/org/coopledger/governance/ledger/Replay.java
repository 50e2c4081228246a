package org.coopledger.governance.ledger;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.entry.AcceptedEntry;

/**
 * Replays a ledger from the empty state: what an auditor does to check a node's state digest.
 *
 * @param state the state after the last record
 * @param outcomes one outcome per record, in order
 */
public record Replay(CoopState state, List<Outcome> outcomes) {
  public Replay {
    outcomes = List.copyOf(outcomes);
  }

  /** Applies {@code records} in order to {@code start}. */
  public static Replay of(CoopState start, Iterable<AcceptedEntry> records, SignatureVerifier v) {
    CoopState state = start;
    List<Outcome> outcomes = new ArrayList<>();
    for (AcceptedEntry record : records) {
      Outcome outcome = StateMachine.apply(state, record, v);
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
  public List<Outcome.Rejected> rejections() {
    return outcomes.stream()
        .filter(o -> o instanceof Outcome.Rejected)
        .map(o -> (Outcome.Rejected) o)
        .toList();
  }
}
