package org.coopledger.cli.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopledger.cli.trust.ReceiptJournal;
import org.coopledger.governance.checkpoint.Receipt;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * {@code coop audit --mine}: every receipt this person kept must hold in the audited ledger: at the
 * receipt's index, the entry with the receipt's leaf hash, that is the entry they submitted,
 * accepted at the promised time. A node that acknowledged an entry and then dropped it, moved it or
 * changed its time fails, naming the entry; the kept receipt, signed by the node, is the evidence.
 */
public final class ReceiptAudit {
  public static final String ENTRY_DROPPED = "ENTRY_DROPPED";
  public static final String ENTRY_MOVED = "ENTRY_MOVED";
  public static final String ENTRY_BACKDATED = "ENTRY_BACKDATED";
  public static final String ENTRY_POSTDATED = "ENTRY_POSTDATED";

  /**
   * How long a receipt may stay beyond the node's latest checkpoint: checkpoints follow new entries
   * within seconds, so an entry still uncovered after this was dropped.
   */
  static final Duration GRACE = Duration.ofMinutes(5);

  /** One audited ledger entry, as much as receipts need. */
  record LedgerEntry(Hash leafHash, String entryId, long acceptedAtMillis) {
    /** Never throws: a record that does not decode is the replay's to reject, with its code. */
    static LedgerEntry of(byte[] ledgerRecord) {
      Hash leafHash = TreeHasher.leafHash(ledgerRecord);
      try {
        AcceptedEntry accepted = AcceptedEntry.fromBytes(ledgerRecord);
        return new LedgerEntry(
            leafHash,
            EntryCodec.decode(accepted.signedEntry()).id().hex(),
            accepted.acceptedAtMillis());
      } catch (CoopException e) {
        return new LedgerEntry(leafHash, "", -1);
      }
    }
  }

  /** What the receipts showed. */
  public record Summary(int checked, int pending) {
    String describe() {
      return checked == 0 && pending == 0
          ? "no receipts of yours for this ledger in the journal"
          : checked
              + " receipt"
              + (checked == 1 ? "" : "s")
              + " of yours hold: each entry is where and when the node promised"
              + (pending == 0 ? "" : "; " + pending + " not yet covered by a checkpoint");
    }
  }

  private final Path trustDir;
  private final long nowMillis;

  ReceiptAudit(Path trustDir, long nowMillis) {
    this.trustDir = trustDir;
    this.nowMillis = nowMillis;
  }

  Summary check(List<ReceiptJournal.Kept> receipts, List<LedgerEntry> ledger) {
    Map<String, Long> indexOf = new HashMap<>();
    for (int i = 0; i < ledger.size(); i++) {
      indexOf.putIfAbsent(ledger.get(i).entryId(), (long) i);
    }
    int checked = 0;
    int pending = 0;
    for (ReceiptJournal.Kept kept : receipts) {
      Receipt r = kept.receipt();
      Long foundAt = indexOf.get(kept.entryId());
      if (foundAt != null && foundAt != r.index()) {
        throw violated(
            ENTRY_MOVED,
            kept,
            "it is at #"
                + foundAt
                + " instead of #"
                + r.index()
                + " where the node acknowledged it");
      }
      if (foundAt == null) {
        if (r.index() < ledger.size()) {
          throw violated(
              ENTRY_DROPPED,
              kept,
              "it is not in the ledger; #"
                  + r.index()
                  + " holds another entry ("
                  + ledger.get((int) r.index()).entryId()
                  + ")");
        }
        if (nowMillis - r.acceptedAtMillis() > GRACE.toMillis()) {
          throw violated(
              ENTRY_DROPPED,
              kept,
              "it is not in the ledger: the node's checkpoint covers "
                  + ledger.size()
                  + " entries, "
                  + Duration.ofMillis(nowMillis - r.acceptedAtMillis()).toMinutes()
                  + " minutes after it acknowledged #"
                  + r.index());
        }
        pending++;
        continue;
      }
      LedgerEntry there = ledger.get((int) r.index());
      if (there.acceptedAtMillis() != r.acceptedAtMillis()) {
        boolean earlier = there.acceptedAtMillis() < r.acceptedAtMillis();
        throw violated(
            earlier ? ENTRY_BACKDATED : ENTRY_POSTDATED,
            kept,
            "the ledger says it was accepted at "
                + Instant.ofEpochMilli(there.acceptedAtMillis())
                + ", "
                + (earlier ? "earlier" : "later")
                + " than the "
                + Instant.ofEpochMilli(r.acceptedAtMillis())
                + " the node promised");
      }
      if (!there.leafHash().equals(r.leafHash())) {
        throw violated(
            ENTRY_MOVED, kept, "#" + r.index() + " does not hash to the leaf hash promised");
      }
      checked++;
    }
    return new Summary(checked, pending);
  }

  private VerificationException violated(String code, ReceiptJournal.Kept kept, String detail) {
    Receipt r = kept.receipt();
    return new VerificationException(
        code,
        "your entry "
            + kept.entryId()
            + ", acknowledged by the node as #"
            + r.index()
            + " at "
            + Instant.ofEpochMilli(r.acceptedAtMillis())
            + ": "
            + detail
            + ". The node's signed receipt proves what it promised: "
            + kept.file()
            + " (show it with `coop receipt show "
            + r.index()
            + " --trust-dir "
            + trustDir
            + "`)");
  }
}
