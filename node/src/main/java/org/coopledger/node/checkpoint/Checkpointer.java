package org.coopledger.node.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
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
 * been applied or {@code intervalMillis} have passed with anything new, and stores it. There is
 * always a checkpoint: the first one is made at start (of the empty tree on a fresh node). Runs on
 * its own thread; {@link #latest()} is safe from any thread.
 */
public final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Checkpointer.class.getName());

  private final LedgerReader ledger;
  private final CheckpointSink sink;
  private final NoteSigner signer;
  private final long every;
  private final long intervalMillis;
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
      NoteSigner signer,
      long every,
      long intervalMillis) {
    this.ledger = ledger;
    this.sink = sink;
    this.signer = signer;
    this.every = every;
    this.intervalMillis = intervalMillis;
    latest.set(ledger.latestCheckpoint().orElse(null));
    if (latest.get() == null || latest.get().treeSize() < ledger.view().treeSize()) {
      checkpoint(ledger.view());
    }
    ledger.onPublish(this::applied);
    this.worker = Thread.ofPlatform().name("checkpointer").daemon().start(this::run);
  }

  /** The newest signed checkpoint. */
  public StoredCheckpoint latest() {
    return latest.get();
  }

  /** The verifier key auditors pin to check this node's checkpoints. */
  public String verifierKey() {
    return signer.verifier().vkey();
  }

  private void applied(LedgerView view) {
    if (view.treeSize() - latest.get().treeSize() >= every) {
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
        long behind = view.treeSize() - latest.get().treeSize();
        long elapsedMillis = (System.nanoTime() - lastMade) / 1_000_000;
        if (behind >= every || (behind > 0 && elapsedMillis >= intervalMillis)) {
          checkpoint(view);
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

  private synchronized void checkpoint(LedgerView view) {
    StoredCheckpoint current = latest.get();
    if (current != null && current.treeSize() >= view.treeSize()) {
      return;
    }
    Checkpoint checkpoint = new Checkpoint(signer.name(), view.treeSize(), view.root().bytes());
    String note =
        new String(SignedCheckpoint.sign(checkpoint, signer).bytes(), StandardCharsets.UTF_8);
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
