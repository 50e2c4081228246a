package org.coopledger.node.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.EntryOutcome;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.engine.StateMachine;
import org.coopledger.governance.merkle.Frontier;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.HashSource;
import org.coopledger.governance.merkle.Proofs;
import org.coopledger.governance.merkle.Subtree;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.node.replication.BatchApplier;
import org.coopledger.node.replication.proto.Accepted;
import org.coopledger.node.replication.proto.EntryResult;
import org.coopledger.node.replication.proto.Rejected;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;

/**
 * The ledger of one node: the governance state machine and the Merkle tree, applied on top of the
 * store. Readers get immutable {@link LedgerView}s; the Raft apply thread is the only writer.
 */
public final class Ledger implements BatchApplier {
  private final LedgerStore store;
  private final HashSource hashes;
  private final SignatureVerifier verifier;
  private final AtomicReference<LedgerView> view;
  private final List<Consumer<LedgerView>> listeners = new CopyOnWriteArrayList<>();

  private Ledger(LedgerStore store, SignatureVerifier verifier, LedgerView initial) {
    this.store = store;
    this.hashes = new StoreHashSource(store);
    this.verifier = verifier;
    this.view = new AtomicReference<>(initial);
  }

  /**
   * Loads the ledger from the store: O(log n) hash reads for the tree's right edge plus the stored
   * state, whatever the ledger's length.
   *
   * @param verifier the signature check used while applying (it may skip signatures that were
   *     verified before replication)
   */
  public static Ledger open(LedgerStore store, SignatureVerifier verifier) {
    HashSource hashes = new StoreHashSource(store);
    Frontier frontier = Frontier.fromSource(hashes, store.treeSize());
    CoopState state = store.state().map(CoopState::decode).orElse(CoopState.empty());
    return new Ledger(store, verifier, new LedgerView(frontier, state));
  }

  /** The latest published view. */
  public LedgerView view() {
    return view.get();
  }

  /** The tree's stored complete-subtree hashes, for proofs. */
  public HashSource hashes() {
    return hashes;
  }

  /** The root of the first {@code size} records ({@code size} at most the tree size). */
  public Hash root(long size) {
    LedgerView current = view.get();
    return size == current.treeSize() ? current.root() : Proofs.root(hashes, size);
  }

  /** Calls {@code listener} on the Raft apply thread after each published batch; keep it short. */
  public void onPublish(Consumer<LedgerView> listener) {
    listeners.add(listener);
  }

  public LedgerStore store() {
    return store;
  }

  @Override
  public Applied apply(List<byte[]> records, LedgerBatch batch) {
    LedgerView start = view.get();
    CoopState state = start.state();
    Frontier frontier = start.frontier();
    List<EntryResult> results = new ArrayList<>(records.size());
    for (byte[] record : records) {
      EntryOutcome outcome = StateMachine.apply(state, record, verifier);
      switch (outcome) {
        case EntryOutcome.Applied applied -> {
          Hash leaf = TreeHasher.leafHash(record);
          long index = batch.addRecord(record);
          Frontier.Appended appended = frontier.append(leaf);
          for (Subtree subtree : appended.completed()) {
            batch.addHash(subtree.level(), subtree.index(), subtree.hash().bytes());
          }
          frontier = appended.frontier();
          state = applied.state();
          results.add(accepted(index, leaf, frontier.size()));
        }
        case EntryOutcome.Rejected rejected ->
            results.add(rejected(rejected.code(), rejected.message()));
      }
    }
    if (state != start.state()) {
      batch.state(state.encode());
    }
    LedgerView next = new LedgerView(frontier, state);
    return new Applied() {
      @Override
      public List<EntryResult> results() {
        return results;
      }

      @Override
      public void publish() {
        view.set(next);
        for (Consumer<LedgerView> listener : listeners) {
          listener.accept(next);
        }
      }
    };
  }

  private static EntryResult accepted(long index, Hash leaf, long treeSize) {
    return EntryResult.newBuilder()
        .setAccepted(
            Accepted.newBuilder()
                .setIndex(index)
                .setLeafHash(com.google.protobuf.ByteString.copyFrom(leaf.bytes()))
                .setTreeSize(treeSize))
        .build();
  }

  private static EntryResult rejected(String code, String message) {
    return EntryResult.newBuilder()
        .setRejected(Rejected.newBuilder().setCode(code).setMessage(message == null ? "" : message))
        .build();
  }
}
