package org.coopledger.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.output.Progress;
import org.coopledger.cli.trust.TrustStore;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.Receipt;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.checkpoint.SignedReceipt;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * Checks the receipt a node returned for an entry this person submitted, before anything says
 * "accepted": it is signed by the key pinned for the ledger (pinned now if the ledger is new here),
 * or, when another node of the co-op's network answered, by that node's key as an audited replay of
 * the ledger names the network's nodes (never as the node says), it names the index the node
 * answered, its leaf hash is that of exactly the submitted bytes at the receipt's accepted time,
 * and that time is within the entry's own expiry. The receipt is then kept in the journal, as
 * evidence for {@code coop audit --mine}.
 */
public final class ReceiptCheck {
  public static final String RECEIPT_MISSING = "RECEIPT_MISSING";
  public static final String RECEIPT_INVALID = "RECEIPT_INVALID";

  private static final int AUDIT_PAGE_SIZE = 500;

  private static final Auditor.Listener SILENT =
      new Auditor.Listener() {
        @Override
        public void step(String line) {}

        @Override
        public Progress progress(String label, long total) {
          return new Progress(new PrintWriter(Writer.nullWriter()), false, label, total);
        }
      };

  private ReceiptCheck() {}

  /** A verified, journalled receipt. */
  public record Checked(Receipt receipt, boolean pinnedNow, String verifierKey, Path file) {}

  /**
   * @param accepted the node's 201 answer
   * @throws VerificationException {@link #RECEIPT_MISSING}, {@link #RECEIPT_INVALID}, {@code
   *     NODE_KEY_CHANGED} or a signed-note code, naming what is wrong
   */
  public static Checked check(
      NodeClient node, TrustStore trust, byte[] signedEntry, JsonNode accepted) {
    if (!accepted.path("receipt").isTextual()) {
      throw new VerificationException(
          RECEIPT_MISSING,
          "the node acknowledged the entry (index "
              + accepted.path("index").asText("?")
              + ") without a signed receipt: nothing proves it promised to keep it");
    }
    String text = accepted.get("receipt").asText();
    String origin = claimedOrigin(text);
    DecodedEntry decoded = EntryCodec.decode(signedEntry);
    if (decoded.entry().action() instanceof Genesis) {
      String derived = LedgerOrigin.ofGenesis(signedEntry);
      if (!derived.equals(origin)) {
        throw invalid(
            "it names ledger " + origin + ", but this genesis entry founds ledger " + derived);
      }
    }
    Optional<String> pinned = trust.verifierKeyFor(origin);
    String key =
        pinned.isPresent()
            ? pinnedOrNetworkKey(node, trust, origin, text, pinned.get())
            : Objects.requireNonNullElse(node.nodeInfo().verifierKey(), "");
    NoteVerifier verifier;
    try {
      verifier = NoteVerifier.parse(key);
    } catch (VerificationException e) {
      throw invalid("the node's key '" + key + "' does not parse: " + e.getMessage());
    }
    SignedReceipt signed = SignedReceipt.verify(text, verifier);
    boolean pinnedNow = pinned.isEmpty() && trust.pin(key) == TrustStore.Pin.FIRST_USE;
    Receipt receipt = signed.receipt();
    long index = accepted.path("index").asLong(-1);
    if (receipt.index() != index) {
      throw invalid("it says index " + receipt.index() + " but the node answered " + index);
    }
    Hash ours =
        TreeHasher.leafHash(new AcceptedEntry(signedEntry, receipt.acceptedAtMillis()).toBytes());
    if (!ours.equals(receipt.leafHash())) {
      throw invalid(
          "its leaf hash "
              + receipt.leafHash().base64()
              + " is not that of the entry you submitted, accepted at "
              + receipt.acceptedAtMillis()
              + " ("
              + ours.base64()
              + ")");
    }
    Entry entry = decoded.entry();
    if (entry.expiresAtMillis() != 0 && receipt.acceptedAtMillis() > entry.expiresAtMillis()) {
      throw invalid(
          "it says the entry was accepted at "
              + receipt.acceptedAtMillis()
              + ", after the entry expired ("
              + entry.expiresAtMillis()
              + ")");
    }
    Path file = trust.receipts().keep(signed, key, decoded.id().hex());
    return new Checked(receipt, pinnedNow, key, file);
  }

  /**
   * The key that signed the receipt: the pinned one, or that of another node of the co-op's network
   * as an audited replay of the ledger names it (the same rule as the audit's). The nodes that the
   * last audit found are tried first; if none of them signed it, the ledger is audited now through
   * the answering node, which fails unless that node's own key is a node's.
   *
   * @throws VerificationException {@code NODE_KEY_CHANGED} if no node of the network signed it
   */
  private static String pinnedOrNetworkKey(
      NodeClient node, TrustStore trust, String origin, String text, String pinned) {
    SignedNote note = SignedNote.parse(text.getBytes(StandardCharsets.UTF_8));
    if (note.signatures().stream().anyMatch(NoteVerifier.parse(pinned)::claims)) {
      return pinned;
    }
    Optional<String> signer = networkKeyClaiming(note, trust, origin);
    if (signer.isEmpty()) {
      try {
        new Auditor(node, trust, SILENT, AUDIT_PAGE_SIZE).audit();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VerificationException(
            RECEIPT_INVALID, "interrupted while auditing the nodes of ledger " + origin, e);
      }
      signer = networkKeyClaiming(note, trust, origin);
    }
    return signer.orElseThrow(
        () ->
            new VerificationException(
                TrustStore.NODE_KEY_CHANGED,
                "the receipt for your entry is signed neither by the key pinned for ledger "
                    + origin
                    + " ("
                    + pinned
                    + ") nor by a node of the co-op's network as the audited ledger names them"
                    + " ("
                    + trust.auditedNames(origin).map(n -> n.nodeKeys().size()).orElse(0)
                    + " nodes). Something that is not one of the co-op's nodes answered: nothing"
                    + " it says can be trusted."));
  }

  /** The verifier key of a node, as the last audit named them, that claims a line of the note. */
  private static Optional<String> networkKeyClaiming(
      SignedNote note, TrustStore trust, String origin) {
    return trust.auditedNames(origin).stream()
        .flatMap(names -> names.nodeKeys().stream())
        .filter(
            vkey -> {
              NoteVerifier v = NoteVerifier.parse(vkey);
              return v.name().equals(origin) && note.signatures().stream().anyMatch(v::claims);
            })
        .findFirst();
  }

  private static String claimedOrigin(String text) {
    try {
      return Receipt.parse(SignedNote.parse(text.getBytes(StandardCharsets.UTF_8)).text()).origin();
    } catch (VerificationException e) {
      throw invalid("it does not parse: " + e.getMessage());
    }
  }

  private static VerificationException invalid(String detail) {
    return new VerificationException(
        RECEIPT_INVALID, "the node's receipt for your entry is not valid: " + detail);
  }
}
