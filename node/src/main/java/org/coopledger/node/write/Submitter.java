package org.coopledger.node.write;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.RejectionCode;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.node.ledger.CheckedEntry;
import org.coopledger.node.ledger.EntryRejectedException;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.replication.ReplicationException;

/**
 * Takes submitted {@code SignedEntry}s to the ledger. Before ordering, on the callers' threads (a
 * batch on all cores): strict decoding, the co-op check, and Ed25519 verification of every
 * signature whose key the current state (or the entry itself, for a genesis or a key rotation)
 * names. An entry whose exact signed bytes the ledger already holds is answered there with that
 * record's receipt, marked a duplicate. Then the {@link Batcher} groups the checked entries for
 * replication, and the submitter waits until each is applied and durable (apply answers a copy it
 * finds in the ledger the same way: two copies in one batch, or a retry the snapshot predates). The
 * state machine checks everything again (reusing exactly the signature checks done here), so these
 * early checks only ever refuse what it would refuse too. Thread-safe; {@link #close} stops the
 * thread that enforces the timeout.
 */
public final class Submitter implements AutoCloseable {
  /** Below this many entries a batch is checked on the caller's thread alone. */
  private static final int PARALLEL_FROM = 16;

  private final String coopId;
  private final LedgerReader ledger;
  private final Batcher<CheckedEntry, RecordResult> batcher;
  private final Duration timeout;
  private final Deadlines deadlines;

  public Submitter(
      String coopId,
      LedgerReader ledger,
      Batcher<CheckedEntry, RecordResult> batcher,
      Duration timeout) {
    this.coopId = coopId;
    this.ledger = ledger;
    this.batcher = batcher;
    this.timeout = timeout;
    this.deadlines = new Deadlines("write-timeout", timeout);
  }

  /**
   * Submits one entry and returns where it landed, once it is durable.
   *
   * @throws CoopException a 4xx-kind code if the entry is malformed or refused (the ledger is then
   *     unchanged), or {@link ReplicationException} if it could not be committed
   */
  public Receipt submit(byte[] signedEntry) {
    Object check = check(signedEntry, ledger.view().state());
    if (check instanceof Receipt held) {
      return held;
    }
    CheckedEntry checked = (CheckedEntry) check;
    CompletableFuture<RecordResult> result = batcher.submit(checked);
    deadlines.watch(result);
    return receipt(checked, await(result));
  }

  /** Waits without a timer of its own: {@link Deadlines} fails the future at the timeout. */
  private RecordResult await(CompletableFuture<RecordResult> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplicationException("INTERRUPTED", "interrupted while waiting for the commit");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw commitTimeout();
      }
      throw failure(e);
    }
  }

  /**
   * Submits entries in order and returns one outcome per entry, in the same order, once every
   * accepted one is durable. A bad entry refuses only itself; entries after it are still submitted.
   * Entries of one call reach the ledger in the order given, with nothing submitted concurrently in
   * between.
   */
  public List<Outcome> submitAll(List<byte[]> signedEntries) {
    CoopState snapshot = ledger.view().state();
    IntStream indices = IntStream.range(0, signedEntries.size());
    if (signedEntries.size() >= PARALLEL_FROM) {
      indices = indices.parallel();
    }
    List<Object> checks =
        indices
            .mapToObj(
                i -> {
                  try {
                    return check(signedEntries.get(i), snapshot);
                  } catch (CoopException e) {
                    return e;
                  }
                })
            .toList();
    List<CheckedEntry> good = new ArrayList<>(checks.size());
    for (Object check : checks) {
      if (check instanceof CheckedEntry entry) {
        good.add(entry);
      }
    }
    List<CompletableFuture<RecordResult>> pending = batcher.submitAll(good);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Outcome> outcomes = new ArrayList<>(checks.size());
    int next = 0;
    for (Object check : checks) {
      if (check instanceof CheckedEntry entry) {
        CompletableFuture<RecordResult> result = pending.get(next++);
        try {
          outcomes.add(receipt(entry, await(result, deadline)));
        } catch (CoopException e) {
          outcomes.add(new Refused(e));
        }
      } else if (check instanceof Receipt held) {
        outcomes.add(held);
      } else {
        outcomes.add(new Refused((CoopException) check));
      }
    }
    return outcomes;
  }

  /**
   * The entry checked for ordering, or, if the ledger already holds exactly these signed bytes (a
   * client retrying after a timeout), the receipt of that record: a retry neither reaches Raft nor
   * is refused for its nonce, even if its author has since rotated their key or left.
   */
  private Object check(byte[] signedEntry, CoopState snapshot) {
    CheckedEntry checked = CheckedEntry.check(signedEntry, snapshot);
    String entryCoop = checked.decoded().entry().coopId();
    if (!entryCoop.equals(coopId)) {
      throw new EntryRejectedException(
          RejectionCode.WRONG_COOP,
          "the entry is for co-op '" + entryCoop + "' but this node serves co-op '" + coopId + "'");
    }
    Optional<RecordResult.Accepted> held = ledger.held(checked);
    if (held.isPresent()) {
      return receipt(checked, held.get());
    }
    // Strangers' entries never reach Raft: they would only fill the replicated log with junk
    // (a member admitted, or a key rotated, in a batch not yet applied is refused and retries).
    org.coopledger.governance.engine.Precheck.requireMemberAuthor(checked.decoded(), snapshot);
    return checked;
  }

  private RecordResult await(CompletableFuture<RecordResult> result, long deadlineNanos) {
    try {
      return result.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplicationException("INTERRUPTED", "interrupted while waiting for the commit");
    } catch (TimeoutException e) {
      throw commitTimeout();
    } catch (ExecutionException e) {
      throw failure(e);
    }
  }

  private ReplicationException commitTimeout() {
    return new ReplicationException(
        "COMMIT_TIMEOUT",
        "the entry was not committed within "
            + timeout.toSeconds()
            + " s; it may still be applied later: check GET /v1/entries before resubmitting");
  }

  private static RuntimeException failure(ExecutionException e) {
    if (e.getCause() instanceof CoopException coop) {
      return coop;
    }
    return new ReplicationException("NOT_COMMITTED", "the commit failed: " + e.getCause(), e);
  }

  @Override
  public void close() {
    deadlines.close();
  }

  private static Receipt receipt(CheckedEntry entry, RecordResult result) {
    return switch (result) {
      case RecordResult.Rejected r -> throw new EntryRejectedException(r.code(), r.message());
      case RecordResult.Accepted a ->
          new Receipt(
              a.index(),
              a.leafHash(),
              a.treeSize(),
              entry.decoded().id().hex(),
              a.acceptedAtMillis(),
              a.duplicate());
    };
  }

  /** What became of one submitted entry. */
  public sealed interface Outcome permits Receipt, Refused {}

  /**
   * Where an accepted entry landed: what the node's signed receipt names.
   *
   * @param index its position in the ledger
   * @param leafHash RFC 9162 leaf hash of its ledger record
   * @param treeSize the tree size right after it
   * @param entryId the entry id (hex SHA-256 of the body)
   * @param acceptedAtMillis the acceptance time its record carries
   * @param duplicate the ledger already held exactly this signed entry (from an earlier
   *     submission): the fields are that record's, and this submission changed nothing
   */
  public record Receipt(
      long index,
      Hash leafHash,
      long treeSize,
      String entryId,
      long acceptedAtMillis,
      boolean duplicate)
      implements Outcome {}

  /**
   * The entry is not in the ledger: {@code error} says why, with a stable code (a verdict on the
   * entry, or {@link ReplicationException} when the node could not take it now).
   */
  public record Refused(CoopException error) implements Outcome {}
}
