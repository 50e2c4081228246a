package org.coopledger.node.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.ledger.LedgerView;
import org.coopledger.node.store.LedgerStore.StoredCheckpoint;

/**
 * Signs a C2SP checkpoint of the ledger with the node key whenever {@code every} new entries have
 * been applied or {@code intervalMillis} have passed with anything new, and stores it. The first
 * checkpoint covers the genesis entry: before it the ledger has no identity (no origin) to sign
 * under. Runs on its own thread; {@link #latest()} is safe from any thread.
 */
public final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Checkpointer.class.getName());

  private final LedgerReader ledger;
  private final CheckpointSink sink;
  private final LedgerSigner signer;
  private final long every;
  private final long intervalMillis;
  private final UnaryOperator<SignedCheckpoint> cosign;
  private final AtomicReference<StoredCheckpoint> latest = new AtomicReference<>();
  private final Object wake = new Object();
  private final Thread worker;
  private volatile boolean closed;

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
    this(ledger, sink, signer, every, intervalMillis, UnaryOperator.identity());
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
      UnaryOperator<SignedCheckpoint> cosign) {
    this.cosign = cosign;
    this.ledger = ledger;
    this.sink = sink;
    this.signer = signer;
    this.every = every;
    this.intervalMillis = intervalMillis;
    latest.set(ledger.latestCheckpoint().orElse(null));
    if (latest.get() == null || latest.get().treeSize() < ledger.view().treeSize()) {
      checkpoint(ledger.view(), false);
    }
    ledger.onPublish(this::applied);
    this.worker = Thread.ofPlatform().name("checkpointer").daemon().start(this::run);
  }

  /** The newest signed checkpoint; empty until the genesis entry is in the ledger. */
  public Optional<StoredCheckpoint> latest() {
    return Optional.ofNullable(latest.get());
  }

  /** The node key under the ledger's name, which signs the checkpoints and receipts. */
  public LedgerSigner signer() {
    return signer;
  }

  /** The tree size of the newest checkpoint (0 before the first). */
  public long latestSize() {
    StoredCheckpoint current = latest.get();
    return current == null ? 0 : current.treeSize();
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
    StoredCheckpoint current = latest.get();
    if (current != null && current.treeSize() >= view.treeSize()) {
      return;
    }
    Optional<NoteSigner> log = signer.current();
    if (log.isEmpty()) {
      return; // not founded yet
    }
    Checkpoint checkpoint = new Checkpoint(log.get().name(), view.treeSize(), view.root().bytes());
    SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, log.get());
    if (gather) {
      signed = cosign.apply(signed);
    }
    String note = new String(signed.bytes(), StandardCharsets.UTF_8);
    sink.put(view.treeSize(), note);
    latest.set(new StoredCheckpoint(view.treeSize(), note));
    LOG.info("checkpoint at tree size " + view.treeSize() + ", root " + view.root().base64());
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
  }
}
