package org.coopledger.governance.checkpoint;

import java.util.Collection;
import java.util.List;
import org.coopledger.governance.error.VerificationException;

/**
 * A checkpoint together with its signed note: the log's signature and any witness cosignatures.
 *
 * <p>Built either by signing ({@link #sign}) or by verifying a received note ({@link #verify}); the
 * constructor only checks that the note's text is the checkpoint's body.
 */
public record SignedCheckpoint(Checkpoint checkpoint, SignedNote note) {
  public static final String ORIGIN_MISMATCH = "ORIGIN_MISMATCH";

  public SignedCheckpoint {
    if (!note.text().equals(checkpoint.body())) {
      throw new IllegalArgumentException("the note's text is not the checkpoint's body");
    }
  }

  /**
   * Signs {@code checkpoint} as its log. The signer's name must be the checkpoint's origin: that is
   * how coopledger names log keys, so an auditor can tell which key a checkpoint needs.
   */
  public static SignedCheckpoint sign(Checkpoint checkpoint, NoteSigner log) {
    if (!log.name().equals(checkpoint.origin())) {
      throw new IllegalArgumentException(
          "the log key is named '"
              + log.name()
              + "' but the origin is '"
              + checkpoint.origin()
              + "'");
    }
    return new SignedCheckpoint(checkpoint, SignedNote.sign(checkpoint.body(), log));
  }

  /**
   * Parses and verifies a checkpoint note: signed by {@code log}, whose name must be the origin,
   * and cosigned by every key in {@code witnesses} (type 0x04). Other signature lines are ignored.
   *
   * @throws VerificationException with the codes of {@link SignedNote#parse}, {@link
   *     SignedNote#verify} and {@link Checkpoint#parse}, or {@code ORIGIN_MISMATCH}
   */
  public static SignedCheckpoint verify(
      byte[] note, NoteVerifier log, Collection<NoteVerifier> witnesses) {
    return verify(note, log, witnesses, witnesses.size());
  }

  /**
   * Like {@link #verify(byte[], NoteVerifier, Collection)}, but {@code threshold} of the {@code
   * witnesses} suffice; a present but invalid cosignature by any of them still rejects the note.
   *
   * @throws VerificationException also {@code TOO_FEW_SIGNATURES}
   */
  public static SignedCheckpoint verify(
      byte[] note, NoteVerifier log, Collection<NoteVerifier> witnesses, int threshold) {
    for (NoteVerifier w : witnesses) {
      if (w.type() != SignatureType.COSIGNATURE_V1) {
        throw new IllegalArgumentException(
            "witness key " + w.name() + " must have type 0x04 (cosignature/v1)");
      }
    }
    SignedNote parsed = SignedNote.parse(note);
    Checkpoint checkpoint = Checkpoint.parse(parsed.verify(log));
    if (!checkpoint.origin().equals(log.name())) {
      throw new VerificationException(
          ORIGIN_MISMATCH,
          "the checkpoint's origin '"
              + checkpoint.origin()
              + "' is not the log key's name '"
              + log.name()
              + "'");
    }
    parsed.verifyQuorum(witnesses, threshold);
    return new SignedCheckpoint(checkpoint, parsed);
  }

  /** Same as {@link #verify(byte[], NoteVerifier, Collection)} without required witnesses. */
  public static SignedCheckpoint verify(byte[] note, NoteVerifier log) {
    return verify(note, log, List.of());
  }

  /** This checkpoint with {@code cosigner}'s cosignature at {@code timestamp} added. */
  public SignedCheckpoint cosign(Cosigner cosigner, long timestamp) {
    return withCosignature(cosigner.cosign(checkpoint, timestamp));
  }

  /**
   * This checkpoint with a cosignature line added (e.g. one a witness sent back).
   *
   * @throws VerificationException {@code DUPLICATE_SIGNATURE} if that witness already cosigned
   */
  public SignedCheckpoint withCosignature(Cosignature cosignature) {
    return new SignedCheckpoint(checkpoint, note.withSignature(cosignature.toNoteSignature()));
  }

  /**
   * The cosignature by {@code witness}, verified.
   *
   * @throws VerificationException {@code UNKNOWN_KEY} if it did not cosign, or as {@link
   *     SignedNote#verify}
   */
  public Cosignature cosignature(NoteVerifier witness) {
    if (witness.type() != SignatureType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("witness keys have type 0x04 (cosignature/v1)");
    }
    note.verify(witness);
    for (NoteSignature line : note.signatures()) {
      if (witness.claims(line)) {
        return Cosignature.fromLine(line);
      }
    }
    throw new IllegalStateException("verify found the line");
  }

  /** The note's bytes, as served to auditors and witnesses. */
  public byte[] bytes() {
    return note.bytes();
  }
}
