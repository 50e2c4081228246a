package org.coopledger.node.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.ledger.LedgerView;
import org.coopledger.node.store.LedgerStore.StoredCheckpoint;

/**
 * Signs a C2SP checkpoint of the ledger with the node key whenever {@code every} new entries have
 * been applied or {@code intervalMillis} have passed with anything new, and stores it. The first
 * checkpoint covers the genesis entry: before it the ledger has no identity (no origin) to sign
 * under. Runs on its own thread; {@link #latest()} is safe from any thread.
 *
 * <p>In a network, a checkpoint that some witnesses did not cosign (down, frozen, behind) is
 * offered to them again every {@link #RECOSIGN_MILLIS} while nothing new arrives, and served with
 * the cosignatures it gains: an idle co-op's latest checkpoint does not stay short of its witness
 * policy until the next write.
 */
public final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Checkpointer.class.getName());

  private final LedgerReader ledger;
  private final CheckpointSink sink;
  private final LedgerSigner signer;
  private final long every;
  private final long intervalMillis;

  /** How often a checkpoint short of cosignatures is offered to the witnesses again when idle. */
  static final long RECOSIGN_MILLIS = 2_000;

  private final Cosigning cosign;
  private final AtomicReference<Made> latest = new AtomicReference<>();
  private final Object wake = new Object();
  private final Thread worker;
  private volatile boolean closed;

  /** Adds the network's cosignatures to a checkpoint this node signed. */
  public interface Cosigning {
    /** {@code signed} with every cosignature the witnesses gave. */
    SignedCheckpoint gather(SignedCheckpoint signed);

    /** How many witnesses could cosign (the network's nodes); 0 without a network. */
    int witnesses();

    /** No witnesses: checkpoints are signed by this node only. */
    Cosigning NONE = of(UnaryOperator.identity(), () -> 0);

    static Cosigning of(UnaryOperator<SignedCheckpoint> gather, IntSupplier witnesses) {
      return new Cosigning() {
        @Override
        public SignedCheckpoint gather(SignedCheckpoint signed) {
          return gather.apply(signed);
        }

        @Override
        public int witnesses() {
          return witnesses.getAsInt();
        }
      };
    }
  }

  /** Where a signed checkpoint note is kept (durably) before it is served. */
  @FunctionalInterface
  public interface CheckpointSink {
    void put(long treeSize, String note);
  }

  public Checkpointer(
      LedgerReader ledger,
      CheckpointSink sink,
      LedgerSigner signer,
      long every,
      long intervalMillis) {
    this(ledger, sink, signer, every, intervalMillis, Cosigning.NONE);
  }

  /**
   * As above, with {@code cosign} adding the network's cosignatures to each new checkpoint before
   * it is stored and served (not to the one made while the node starts, before it serves).
   */
  public Checkpointer(
      LedgerReader ledger,
      CheckpointSink sink,
      LedgerSigner signer,
      long every,
      long intervalMillis,
      Cosigning cosign) {
    this.cosign = cosign;
    this.ledger = ledger;
    this.sink = sink;
    this.signer = signer;
    this.every = every;
    this.intervalMillis = intervalMillis;
    latest.set(ledger.latestCheckpoint().map(Made::of).orElse(null));
    if (latest.get() == null || latestSize() < ledger.view().treeSize()) {
      checkpoint(ledger.view(), false);
    }
    ledger.onPublish(this::applied);
    this.worker = Thread.ofPlatform().name("checkpointer").daemon().start(this::run);
  }

  /** The newest signed checkpoint; empty until the genesis entry is in the ledger. */
  public Optional<StoredCheckpoint> latest() {
    return Optional.ofNullable(latest.get()).map(Made::stored);
  }

  /** The node key under the ledger's name, which signs the checkpoints and receipts. */
  public LedgerSigner signer() {
    return signer;
  }

  /** The tree size of the newest checkpoint (0 before the first). */
  public long latestSize() {
    Made current = latest.get();
    return current == null ? 0 : current.stored().treeSize();
  }

  private void applied(LedgerView view) {
    if (view.treeSize() - latestSize() >= every) {
      synchronized (wake) {
        wake.notifyAll();
      }
    }
  }

  private void run() {
    long lastMade = System.nanoTime();
    while (!closed) {
      try {
        synchronized (wake) {
          wake.wait(Math.max(1, Math.min(intervalMillis, 200)));
        }
        LedgerView view = ledger.view();
        long behind = view.treeSize() - latestSize();
        long elapsedMillis = (System.nanoTime() - lastMade) / 1_000_000;
        if (behind >= every || (behind > 0 && elapsedMillis >= intervalMillis)) {
          checkpoint(view, true);
          lastMade = System.nanoTime();
        } else if (behind == 0 && elapsedMillis >= RECOSIGN_MILLIS && shortOfCosignatures()) {
          recosign(view);
          lastMade = System.nanoTime();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "making a checkpoint failed; will retry", e);
      }
    }
  }

  private synchronized void checkpoint(LedgerView view, boolean gather) {
    Made current = latest.get();
    if (current != null && current.stored().treeSize() >= view.treeSize()) {
      return;
    }
    Optional<Made> made = sign(view, gather);
    if (made.isEmpty()) {
      return; // not founded yet
    }
    keep(made.get());
    LOG.info("checkpoint at tree size " + view.treeSize() + ", root " + view.root().base64());
  }

  private boolean shortOfCosignatures() {
    Made current = latest.get();
    return current != null && current.cosignatures() < cosign.witnesses();
  }

  /** The latest checkpoint, offered to the witnesses again; kept if it gained cosignatures. */
  private synchronized void recosign(LedgerView view) {
    Made current = latest.get();
    if (current == null || current.stored().treeSize() != view.treeSize()) {
      return;
    }
    Optional<Made> again = sign(view, true);
    if (again.isPresent() && again.get().cosignatures() > current.cosignatures()) {
      keep(again.get());
      LOG.info(
          "checkpoint at tree size "
              + view.treeSize()
              + " cosigned again: "
              + again.get().cosignatures()
              + " cosignatures, "
              + current.cosignatures()
              + " before");
    }
  }

  /**
   * The view's checkpoint signed with the node key and, if {@code gather}, the witnesses'
   * cosignatures; empty before the genesis entry names the ledger.
   */
  private Optional<Made> sign(LedgerView view, boolean gather) {
    Optional<NoteSigner> log = signer.current();
    if (log.isEmpty()) {
      return Optional.empty();
    }
    Checkpoint checkpoint = new Checkpoint(log.get().name(), view.treeSize(), view.root().bytes());
    SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, log.get());
    if (gather) {
      signed = cosign.gather(signed);
    }
    String note = new String(signed.bytes(), StandardCharsets.UTF_8);
    return Optional.of(Made.of(new StoredCheckpoint(view.treeSize(), note)));
  }

  /** Stores {@code made} (durably) and then serves it as the latest. */
  private void keep(Made made) {
    sink.put(made.stored().treeSize(), made.stored().note());
    latest.set(made);
  }

  /**
   * A checkpoint this node signed, as stored, with its cosignatures counted once (every signature
   * line but the node's own) instead of parsing the note again on every idle tick.
   */
  private record Made(StoredCheckpoint stored, int cosignatures) {
    static Made of(StoredCheckpoint stored) {
      return new Made(stored, SignedNote.parse(stored.note()).signatures().size() - 1);
    }
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
  }
}
