package org.coopledger.governance.checkpoint;

import java.nio.charset.StandardCharsets;
import org.coopledger.governance.error.VerificationException;

/**
 * A {@link Receipt} with the node's signature: a C2SP signed note by the same key, under the same
 * name (the origin), as the ledger's checkpoints. Whoever holds it can prove that the node
 * acknowledged the entry at that index, with that leaf hash, at that time.
 */
public record SignedReceipt(Receipt receipt, SignedNote note) {
  public SignedReceipt {
    if (!note.text().equals(receipt.body())) {
      throw new IllegalArgumentException("the note's text is not the receipt's body");
    }
  }

  /** Signs {@code receipt} with the ledger's key, whose name must be the receipt's origin. */
  public static SignedReceipt sign(Receipt receipt, NoteSigner log) {
    if (!log.name().equals(receipt.origin())) {
      throw new IllegalArgumentException(
          "the log key is named '" + log.name() + "' but the origin is '" + receipt.origin() + "'");
    }
    return new SignedReceipt(receipt, SignedNote.sign(receipt.body(), log));
  }

  /**
   * Parses and verifies a receipt note signed by {@code log}, whose name must be the origin.
   *
   * @throws VerificationException with the codes of {@link SignedNote}, {@code MALFORMED_RECEIPT}
   *     or {@code ORIGIN_MISMATCH}
   */
  public static SignedReceipt verify(String note, NoteVerifier log) {
    SignedNote parsed = SignedNote.parse(note.getBytes(StandardCharsets.UTF_8));
    Receipt receipt = Receipt.parse(parsed.verify(log));
    if (!receipt.origin().equals(log.name())) {
      throw new VerificationException(
          SignedCheckpoint.ORIGIN_MISMATCH,
          "the receipt's origin '"
              + receipt.origin()
              + "' is not the log key's name '"
              + log.name()
              + "'");
    }
    return new SignedReceipt(receipt, parsed);
  }

  /** The note's text, as served in a 201 and kept in a journal. */
  public String text() {
    return new String(note.bytes(), StandardCharsets.UTF_8);
  }
}
