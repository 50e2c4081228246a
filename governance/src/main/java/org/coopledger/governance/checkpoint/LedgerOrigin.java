package org.coopledger.governance.checkpoint;

import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.VerificationException;

/**
 * A ledger's identity in checkpoints and receipts: {@code coopledger/<co-op id>/<first 16 hex
 * digits of the genesis entry id>}. It is derived from the genesis entry, which every founder
 * signed, so two ledgers with different founding entries never share an origin (and a node cannot
 * name the ledger it serves as it likes: an auditor derives the origin from the replayed genesis
 * and compares). Used as the name of the node's note key.
 */
public final class LedgerOrigin {
  public static final String PREFIX = "coopledger/";

  /** Hex digits of the genesis id in the origin: 64 bits, enough to tell ledgers apart. */
  public static final int ID_HEX_DIGITS = 16;

  /** The genesis record is not a genesis entry (or does not decode). */
  public static final String NOT_A_GENESIS = "NOT_A_GENESIS";

  private LedgerOrigin() {}

  /** The origin of the ledger that {@code coopId}'s genesis entry {@code genesisId} founded. */
  public static String of(String coopId, EntryId genesisId) {
    return NoteFormat.requireValidName(
        PREFIX + coopId + "/" + genesisId.hex().substring(0, ID_HEX_DIGITS));
  }

  /**
   * The origin derived from a ledger's first record ({@code LedgerRecord} bytes).
   *
   * @throws VerificationException {@link #NOT_A_GENESIS} if it is not a genesis entry
   */
  public static String ofGenesisRecord(byte[] ledgerRecord) {
    try {
      return ofGenesis(AcceptedEntry.fromBytes(ledgerRecord).signedEntry());
    } catch (VerificationException e) {
      throw e;
    } catch (CoopException | IllegalArgumentException e) {
      throw new VerificationException(
          NOT_A_GENESIS, "the ledger's first record does not decode: " + e.getMessage(), e);
    }
  }

  /**
   * The origin derived from a genesis entry's {@code SignedEntry} bytes.
   *
   * @throws VerificationException {@link #NOT_A_GENESIS} if it is not a genesis entry
   */
  public static String ofGenesis(byte[] signedEntry) {
    DecodedEntry decoded;
    try {
      decoded = EntryCodec.decode(signedEntry);
    } catch (CoopException e) {
      throw new VerificationException(
          NOT_A_GENESIS, "the genesis entry does not decode: " + e.getMessage(), e);
    }
    if (!(decoded.entry().action() instanceof Genesis)) {
      throw new VerificationException(
          NOT_A_GENESIS,
          "the ledger's first entry "
              + decoded.id()
              + " is not a genesis entry, so the ledger has no identity");
    }
    return of(decoded.entry().coopId(), decoded.id());
  }
}
