package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.error.VerificationException;

/**
 * Replays a ledger from the empty state: what an auditor does to check a node's state digest (the
 * one replay: the audit and the tests use it).
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

  /**
   * Applies ledger records (the bytes each leaf commits to), in order, to the empty state and
   * returns the state after the last: what an auditor does with a node's ledger, where every record
   * must have been accepted. Keeps no outcomes, so it streams a ledger of any length.
   *
   * @throws VerificationException {@code ENTRY_REJECTED} at the first record the rules reject,
   *     naming its index (0 = the genesis)
   */
  public static CoopState acceptedLedger(Iterator<byte[]> ledgerRecords, SignatureVerifier v) {
    return acceptedLedger(ledgerRecords, v, (index, before, applied, record) -> {});
  }

  /** Sees every record of a replay as it takes effect. */
  @FunctionalInterface
  public interface Observer {
    /** Record {@code index} took {@code before} to {@code applied.state()}. */
    void applied(long index, CoopState before, EntryOutcome.Applied applied, byte[] record);
  }

  /**
   * As {@link #acceptedLedger(Iterator, SignatureVerifier)}, telling {@code observer} about every
   * record as it takes effect (e.g. to gather the money reports of an audited replay).
   */
  public static CoopState acceptedLedger(
      Iterator<byte[]> ledgerRecords, SignatureVerifier v, Observer observer) {
    CoopState state = CoopState.empty();
    for (long index = 0; ledgerRecords.hasNext(); index++) {
      byte[] record = ledgerRecords.next();
      EntryOutcome outcome = StateMachine.apply(state, record, v);
      if (outcome instanceof EntryOutcome.Rejected rejected) {
        throw new VerificationException(
            "ENTRY_REJECTED",
            "entry #"
                + index
                + " does not hold under the co-op's rules ("
                + rejected.code()
                + "): "
                + rejected.message());
      }
      observer.applied(index, state, (EntryOutcome.Applied) outcome, record);
      state = outcome.state();
    }
    return state;
  }

  /** The rejected outcomes. */
  public List<EntryOutcome.Rejected> rejections() {
    return outcomes.stream()
        .filter(o -> o instanceof EntryOutcome.Rejected)
        .map(o -> (EntryOutcome.Rejected) o)
        .toList();
  }
}
