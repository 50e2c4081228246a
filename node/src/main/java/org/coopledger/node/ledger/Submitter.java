package org.coopledger.node.ledger;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.engine.Precheck;
import org.coopledger.governance.engine.Rejection;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.node.replication.GroupCommitter;
import org.coopledger.node.replication.ReplicationException;
import org.coopledger.node.replication.proto.Accepted;
import org.coopledger.node.replication.proto.EntryResult;

/**
 * Takes a submitted {@code SignedEntry} to the ledger. Before Raft, on the caller's thread (so many
 * at once): strict decoding, the co-op check, and Ed25519 verification of every signature whose key
 * the current state (or the entry itself, for a genesis or a key rotation) names. Then it waits
 * until the entry is applied and durable. The state machine checks everything again, so these early
 * checks only ever refuse what it would refuse too, and save it the work.
 */
public final class Submitter {
  private final String coopId;
  private final Ledger ledger;
  private final GroupCommitter committer;
  private final VerifiedSignatures verified;
  private final Duration timeout;

  public Submitter(
      String coopId,
      Ledger ledger,
      GroupCommitter committer,
      VerifiedSignatures verified,
      Duration timeout) {
    this.coopId = coopId;
    this.ledger = ledger;
    this.committer = committer;
    this.verified = verified;
    this.timeout = timeout;
  }

  /**
   * Submits an entry and returns where it landed.
   *
   * @throws CoopException a 4xx-kind code if the entry is malformed or refused (the ledger is then
   *     unchanged), or {@link ReplicationException} if it could not be committed
   */
  public Receipt submit(byte[] signedEntry) {
    DecodedEntry decoded =
        Precheck.check(signedEntry, ledger.view().state(), verified::verifyAndRemember);
    if (!decoded.entry().coopId().equals(coopId)) {
      throw new EntryRejectedException(
          Rejection.WRONG_COOP,
          "the entry is for co-op '"
              + decoded.entry().coopId()
              + "' but this node serves co-op '"
              + coopId
              + "'");
    }
    EntryResult result;
    try {
      result = committer.submit(signedEntry).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplicationException("INTERRUPTED", "interrupted while waiting for the commit");
    } catch (TimeoutException e) {
      throw new ReplicationException(
          "COMMIT_TIMEOUT",
          "the entry was not committed within "
              + timeout.toSeconds()
              + " s; it may still be applied later: check GET /v1/entries before resubmitting");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CoopException coop) {
        throw coop;
      }
      throw new ReplicationException("NOT_COMMITTED", "the commit failed: " + e.getCause(), e);
    }
    if (result.hasRejected()) {
      throw new EntryRejectedException(
          result.getRejected().getCode(), result.getRejected().getMessage());
    }
    Accepted accepted = result.getAccepted();
    return new Receipt(
        accepted.getIndex(),
        Hash.of(accepted.getLeafHash().toByteArray()),
        accepted.getTreeSize(),
        decoded.id().hex());
  }

  /**
   * Where an accepted entry landed.
   *
   * @param index its position in the ledger
   * @param leafHash RFC 9162 leaf hash of its ledger record
   * @param treeSize the tree size right after it
   * @param entryId the entry id (hex SHA-256 of the body)
   */
  public record Receipt(long index, Hash leafHash, long treeSize, String entryId) {}
}
