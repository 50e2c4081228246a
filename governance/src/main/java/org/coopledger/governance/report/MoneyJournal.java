package org.coopledger.governance.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.coopledger.governance.action.Action;
import org.coopledger.governance.action.Execute;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.EntryOutcome;
import org.coopledger.governance.engine.Member;
import org.coopledger.governance.engine.Replay;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.engine.StateMachine;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.split.Split;

/**
 * Every money figure of a ledger, gathered while it is replayed: each revenue with the split it was
 * divided over, and each change of any balance with the entry that caused it. The reports ({@link
 * Reports}) are computed from it; every figure in them is therefore re-derivable by anyone who
 * replays the ledger.
 *
 * <p>Movements are the differences between each entry's balances before and after (so nothing that
 * moves money can be missed). Not thread-safe.
 */
public final class MoneyJournal {
  private final List<RevenueLine> revenue = new ArrayList<>();
  private final List<Movement> movements = new ArrayList<>();
  private CoopState state = CoopState.empty();
  private long size;

  /** An empty journal, before genesis. */
  public MoneyJournal() {}

  /** A replay observer that takes note of every entry (see {@link Replay#acceptedLedger}). */
  public Replay.Observer observer() {
    return this::applied;
  }

  /** The ledger's first {@code records} (ledger record bytes) replayed into a journal. */
  public static MoneyJournal of(Iterable<byte[]> records, SignatureVerifier verifier) {
    MoneyJournal journal = new MoneyJournal();
    for (byte[] record : records) {
      journal.append(record, verifier);
    }
    return journal;
  }

  /**
   * Applies the next record of the ledger (every record of a node's ledger took effect).
   *
   * @throws VerificationException {@code ENTRY_REJECTED} if the rules reject it
   */
  public void append(byte[] ledgerRecord, SignatureVerifier verifier) {
    EntryOutcome outcome = StateMachine.apply(state, ledgerRecord, verifier);
    if (outcome instanceof EntryOutcome.Rejected r) {
      throw new VerificationException(
          "ENTRY_REJECTED",
          "entry #" + size + " does not hold under the co-op's rules (" + r.code() + ")");
    }
    applied(size, state, (EntryOutcome.Applied) outcome, ledgerRecord);
  }

  /** Takes note of entry {@code index}, which took {@code before} to {@code applied}'s state. */
  public void applied(long index, CoopState before, EntryOutcome.Applied applied, byte[] record) {
    if (index != size) {
      throw new IllegalArgumentException("entry #" + index + " given after #" + (size - 1));
    }
    CoopState after = applied.state();
    Action action =
        EntryCodec.decode(AcceptedEntry.fromBytes(record).signedEntry()).entry().action();
    long at = after.lastAcceptedAt();
    String entryId = applied.entryId().hex();
    String cause = "other";
    if (action instanceof RecordRevenue r) {
      String split = before.splitNameFor(r.source());
      int version = before.split(split).map(Split::version).orElse(0);
      revenue.add(
          new RevenueLine(
              index,
              entryId,
              at,
              r.source(),
              r.currency(),
              r.amountMinor(),
              split,
              version,
              r.units(),
              r.region()));
      cause = "revenue " + r.source();
    } else if (action instanceof Execute e) {
      cause = before.proposal(e.proposal()).map(p -> p.action().governed().kind()).orElse("other");
    }
    if (before.balances() != after.balances()) {
      var old = before.balances().asMap();
      var now = after.balances().asMap();
      TreeSet<MemberId> accounts = new TreeSet<>(old.keySet());
      accounts.addAll(now.keySet());
      for (MemberId account : accounts) {
        TreeSet<String> currencies =
            new TreeSet<>(old.getOrDefault(account, new TreeMap<>()).keySet());
        currencies.addAll(now.getOrDefault(account, new TreeMap<>()).keySet());
        for (String currency : currencies) {
          long delta =
              after.balances().of(account, currency) - before.balances().of(account, currency);
          if (delta != 0) {
            movements.add(
                new Movement(
                    index,
                    entryId,
                    at,
                    account.hex(),
                    name(after, account),
                    currency,
                    delta,
                    cause));
          }
        }
      }
    }
    state = after;
    size = index + 1;
  }

  static String name(CoopState state, MemberId id) {
    return state
        .member(id)
        .map(Member::name)
        .or(() -> state.money().account(id).map(a -> a.text()))
        .orElse(id.hex());
  }

  /** The number of records taken in. */
  public long size() {
    return size;
  }

  /** The state after the last record. */
  public CoopState state() {
    return state;
  }

  public List<RevenueLine> revenue() {
    return Collections.unmodifiableList(revenue);
  }

  public List<Movement> movements() {
    return Collections.unmodifiableList(movements);
  }

  /** Total revenue per currency. */
  public SortedMap<String, Long> revenueTotals() {
    SortedMap<String, Long> out = new TreeMap<>();
    revenue.forEach(r -> out.merge(r.currency(), r.amountMinor(), Math::addExact));
    return out;
  }
}
