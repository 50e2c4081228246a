package org.coopledger.cli.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.checkpoint.Cosignature;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.error.VerificationException;

/**
 * A checkpoint's time bound against the entries it covers. The node stamps each entry's accepted
 * time itself; a witness's cosignature (a time, in seconds, at which the witness saw the
 * checkpoint) and an anchor's block time are times the node does not control. Neither can be
 * earlier than the accepted time of an entry the checkpoint covers: if one is, the node dated
 * entries later than a witness or the chain had already seen them.
 *
 * <p>Times compare at the bound's own precision: a cosignature or a block at second {@code t}
 * covers entries accepted up to {@code t * 1000 + 999} milliseconds.
 */
public final class CheckpointTimes {
  /** A witness cosigned, or the chain anchored, a checkpoint before an entry it covers. */
  public static final String CHECKPOINT_BEFORE_ENTRY = "CHECKPOINT_BEFORE_ENTRY";

  private CheckpointTimes() {}

  /** A verified witness cosignature time. */
  public record Cosigned(String witness, long seconds) {}

  /**
   * Checks the cosignature of every one of {@code witnesses} (verifier keys, type 0x04) present on
   * the checkpoint: it must verify, and its time must not be earlier than {@code lastAcceptedAt},
   * the accepted time of the last entry the checkpoint covers. Witnesses that did not cosign are
   * skipped (returned list says which did).
   *
   * @throws VerificationException {@code CHECKPOINT_SIGNATURE} for a cosignature that does not
   *     verify, {@link #CHECKPOINT_BEFORE_ENTRY} for one dated before the last entry
   */
  public static List<Cosigned> checkCosignatures(
      String checkpointNote, NoteVerifier log, List<String> witnesses, long lastAcceptedAt) {
    List<Cosigned> cosigned = new ArrayList<>();
    if (witnesses.isEmpty()) {
      return cosigned;
    }
    SignedCheckpoint signed =
        SignedCheckpoint.verify(checkpointNote.getBytes(StandardCharsets.UTF_8), log);
    for (String vkey : witnesses) {
      NoteVerifier witness = NoteVerifier.parse(vkey);
      if (witness.type() != SignatureType.COSIGNATURE_V1) {
        throw new IllegalArgumentException(
            "witness key " + witness.name() + " is not a cosignature/v1 key (type 0x04)");
      }
      Cosignature cosignature;
      try {
        cosignature = signed.cosignature(witness);
      } catch (VerificationException e) {
        if (e.code().equals(NoteVerifier.UNKNOWN_KEY)) {
          continue;
        }
        throw new VerificationException(
            "CHECKPOINT_SIGNATURE",
            "witness " + witness.name() + "'s cosignature does not verify: " + e.getMessage(),
            e);
      }
      requireNotBefore(
          cosignature.timestamp(),
          lastAcceptedAt,
          "witness "
              + witness.name()
              + " cosigned the checkpoint of size "
              + signed.checkpoint().size());
      cosigned.add(new Cosigned(witness.name(), cosignature.timestamp()));
    }
    return cosigned;
  }

  /**
   * @param boundSeconds the bound (cosignature or block time), POSIX seconds
   * @param acceptedAt the accepted time (milliseconds) of the last entry the bound covers
   * @param what who set the bound, e.g. "the anchor in block 12 (size 4)"
   */
  public static void requireNotBefore(long boundSeconds, long acceptedAt, String what) {
    if (boundSeconds >= Long.MAX_VALUE / 1000 || boundSeconds * 1000 + 999 >= acceptedAt) {
      return;
    }
    throw new VerificationException(
        CHECKPOINT_BEFORE_ENTRY,
        what
            + " at "
            + Instant.ofEpochSecond(boundSeconds)
            + ", but the node says it accepted the last entry it covers at "
            + Instant.ofEpochMilli(acceptedAt)
            + ", later: the node dated entries after they were already checkpointed (or that"
            + " clock is wrong)");
  }
}
