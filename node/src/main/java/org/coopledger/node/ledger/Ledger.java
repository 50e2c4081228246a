package org.coopledger.node.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.EntryOutcome;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.engine.StateMachine;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCode;
import org.coopledger.governance.merkle.Frontier;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.HashSource;
import org.coopledger.governance.merkle.Proofs;
import org.coopledger.governance.merkle.Subtree;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.node.store.LedgerStore.StoredCheckpoint;
import org.coopledger.node.store.StoreException;

/**
 * The ledger of one node: the governance state machine and the Merkle tree, applied on top of the
 * store. Readers get immutable {@link LedgerView}s through {@link LedgerReader}; the apply thread
 * is the only writer.
 */
public final class Ledger implements LedgerReader {
  private final LedgerStore store;
  private final HashSource hashes;
  private final AtomicReference<LedgerView> view;
  private final List<Consumer<LedgerView>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<LedgerStore.Position> position;

  private Ledger(LedgerStore store, LedgerView initial) {
    this.store = store;
    this.hashes = new StoreHashSource(store);
    this.view = new AtomicReference<>(initial);
    this.position = new AtomicReference<>(store.position());
  }

  /**
   * Loads the ledger from the store: O(log n) hash reads for the tree's right edge plus the stored
   * state, whatever the ledger's length.
   */
  public static Ledger open(LedgerStore store) {
    indexEntryIds(store);
    HashSource hashes = new StoreHashSource(store);
    Frontier frontier = Frontier.fromSource(hashes, store.treeSize());
    CoopState state = store.state().map(CoopState::decode).orElse(CoopState.empty());
    return new Ledger(store, new LedgerView(frontier, state));
  }

  /**
   * Has a store written before records were indexed by entry id catch up (once, a page at a time):
   * so that {@link #apply} answers a copy of any record alike on every replica, whatever its store
   * was written by.
   */
  private static void indexEntryIds(LedgerStore store) {
    long from = store.entryIdsIndexed();
    while (from < store.treeSize()) {
      List<byte[]> page = store.records(from, 1_000, 8L << 20);
      List<byte[]> ids = new ArrayList<>(page.size());
      for (byte[] record : page) {
        try {
          ids.add(idBytes(EntryCodec.decode(AcceptedEntry.fromBytes(record).signedEntry()).id()));
        } catch (CoopException e) {
          throw new StoreException(
              "STORE_CORRUPT",
              "record " + (from + ids.size()) + " does not decode: " + e.getMessage(),
              e);
        }
      }
      store.indexEntries(from, ids);
      from += ids.size();
    }
  }

  @Override
  public LedgerView view() {
    return view.get();
  }

  @Override
  public HashSource hashes() {
    return hashes;
  }

  @Override
  public Hash root(long size) {
    LedgerView current = view.get();
    return size == current.treeSize() ? current.root() : Proofs.root(hashes, size);
  }

  @Override
  public Optional<byte[]> record(long index) {
    return store.record(index);
  }

  @Override
  public List<byte[]> records(long start, int limit) {
    return store.records(start, limit);
  }

  @Override
  public List<byte[]> records(long start, int limit, long maxBytes) {
    return store.records(start, limit, maxBytes);
  }

  @Override
  public LedgerStore.Position position() {
    return position.get();
  }

  /**
   * Records that the Raft log has been applied up to ({@code term}, {@code index}), with the tree
   * size the store holds now: called by the apply thread after each log entry, whether or not it
   * changed the ledger (Raft's own entries do not), so that {@link #position} names the last entry
   * applied, which is what a node installing this ledger must continue after.
   */
  public void reached(long term, long index) {
    LedgerStore.Position stored = store.position();
    // While a restart replays log entries the store already holds, the store is ahead of them.
    position.set(
        index <= stored.applied().index()
            ? stored
            : new LedgerStore.Position(stored.treeSize(), new AppliedIndex(term, index)));
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return store.latestCheckpoint();
  }

  @Override
  public Optional<StoredCheckpoint> checkpoint(long size) {
    return store.checkpoint(size);
  }

  @Override
  public void onPublish(Consumer<LedgerView> listener) {
    listeners.add(listener);
  }

  /**
   * Applies {@code records} in order on top of the last published view, adding every accepted
   * record, its tree hashes and the resulting state to {@code batch}. Depends on nothing but the
   * records and the published ledger (no clock, no randomness): a record checked on this node
   * before ordering is applied from its decoded entry, anything else from its bytes, with the same
   * outcome. A rejected record whose exact signed entry the ledger already holds (or an earlier
   * record of this call) gets that record's result, marked duplicate: the answer to a retry.
   * Nothing becomes visible to readers until {@link Applied#publish()}. Called only by the apply
   * thread, in log order.
   */
  public Applied apply(List<NewRecord> records, LedgerBatch batch) {
    LedgerView start = view.get();
    CoopState state = start.state();
    Frontier frontier = start.frontier();
    List<RecordResult> results = new ArrayList<>(records.size());
    // What this call appended, by entry id: a second copy in the same group finds the first here.
    Map<EntryId, Appended> appended = new HashMap<>();
    for (NewRecord record : records) {
      long acceptedAt = record.acceptedAtMillis();
      EntryOutcome outcome;
      AcceptedEntry decoded = null;
      if (record.checked() != null) {
        outcome =
            StateMachine.apply(state, record.checked().decoded(), acceptedAt, record.checked());
      } else {
        // What StateMachine.apply(state, bytes, verifier) does, keeping the record's time for
        // the result (the receipt names it) instead of decoding the record twice.
        // (apply itself never throws: its rejections are outcomes.)
        try {
          decoded = AcceptedEntry.fromBytes(record.bytes());
          acceptedAt = decoded.acceptedAtMillis();
          outcome = StateMachine.apply(state, decoded, SignatureVerifier.CRYPTO);
        } catch (CoopException e) {
          outcome = new EntryOutcome.Rejected(state, null, e.code(), e.getMessage(), e.category());
        }
      }
      switch (outcome) {
        case EntryOutcome.Applied applied -> {
          Hash leaf = TreeHasher.leafHash(record.bytes());
          long index = batch.addRecord(record.bytes(), idBytes(applied.entryId()));
          appended.put(applied.entryId(), new Appended(index, record.bytes()));
          Frontier.Appended next = frontier.append(leaf);
          for (Subtree subtree : next.completed()) {
            batch.addHash(subtree.level(), subtree.index(), subtree.hash().bytes());
          }
          frontier = next.frontier();
          state = applied.state();
          results.add(new RecordResult.Accepted(index, leaf, frontier.size(), acceptedAt, false));
        }
        case EntryOutcome.Rejected rejected -> {
          // A copy of an accepted entry (a client's retry, or a Raft client's retry at a new
          // leader) is rejected by the rules like any replay, and changes nothing; it is answered
          // with the first copy's result. Decided from the store as of this log entry and from
          // this group alone, so every replica answers the same.
          Optional<RecordResult.Accepted> held = Optional.empty();
          if (rejected.entryId() != null) {
            byte[] signedEntry =
                record.checked() != null
                    ? record.checked().signedEntryBytes()
                    : decoded.signedEntry();
            Appended inGroup = appended.get(rejected.entryId());
            held =
                inGroup != null
                    ? sameEntry(inGroup.index(), inGroup.bytes(), signedEntry)
                    : heldInStore(rejected.entryId(), signedEntry, start.treeSize());
          }
          results.add(held.<RecordResult>map(r -> r).orElseGet(() -> rejection(rejected)));
        }
      }
    }
    if (state != start.state()) {
      batch.state(state.encode());
    }
    return new Applied(results, new LedgerView(frontier, state));
  }

  @Override
  public Optional<RecordResult.Accepted> held(CheckedEntry entry) {
    return heldInStore(entry.decoded().id(), entry.signedEntryBytes(), view.get().treeSize());
  }

  /** The record of exactly {@code signedEntry} among the first {@code size} records, if any. */
  private Optional<RecordResult.Accepted> heldInStore(EntryId id, byte[] signedEntry, long size) {
    OptionalLong index = store.indexOfEntry(idBytes(id));
    if (index.isEmpty() || index.getAsLong() >= size) {
      return Optional.empty();
    }
    return store
        .record(index.getAsLong())
        .flatMap(bytes -> sameEntry(index.getAsLong(), bytes, signedEntry));
  }

  /**
   * The result the record at {@code index} got, marked a duplicate, if it holds exactly {@code
   * signedEntry}: the same body with other signatures is another entry (it reuses a nonce).
   */
  private static Optional<RecordResult.Accepted> sameEntry(
      long index, byte[] recordBytes, byte[] signedEntry) {
    AcceptedEntry held;
    try {
      held = AcceptedEntry.fromBytes(recordBytes);
    } catch (CoopException e) {
      return Optional.empty(); // a damaged record: the startup check's business, not a duplicate
    }
    if (!Arrays.equals(held.signedEntry(), signedEntry)) {
      return Optional.empty();
    }
    return Optional.of(
        new RecordResult.Accepted(
            index, TreeHasher.leafHash(recordBytes), index + 1, held.acceptedAtMillis(), true));
  }

  private record Appended(long index, byte[] bytes) {}

  private static RecordResult.Rejected rejection(EntryOutcome.Rejected rejected) {
    return new RecordResult.Rejected(
        ErrorCode.of(rejected.code(), rejected.category()),
        rejected.message() == null ? "" : rejected.message());
  }

  private static byte[] idBytes(EntryId id) {
    return HexFormat.of().parseHex(id.hex());
  }

  /** The outcome of {@link #apply}: one result per record, and the view to publish. */
  public final class Applied {
    private final List<RecordResult> results;
    private final LedgerView next;

    private Applied(List<RecordResult> results, LedgerView next) {
      this.results = List.copyOf(results);
      this.next = next;
    }

    public List<RecordResult> results() {
      return results;
    }

    /** Makes the new state visible; call once the batch is durable. */
    public void publish() {
      view.set(next);
      for (Consumer<LedgerView> listener : listeners) {
        listener.accept(next);
      }
    }
  }
}
