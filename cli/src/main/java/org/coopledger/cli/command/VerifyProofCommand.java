package org.coopledger.cli.command;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.audit.ProofBundle;
import org.coopledger.cli.entry.EntryViews;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.error.VerificationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coop verify-proof FILE}: checks a proof bundle without contacting any node. */
@Command(
    name = "verify-proof",
    description = {
      "Check a proof bundle offline: the checkpoint's signature, the entry's inclusion, and the",
      "entry's own member signatures. That the signers were members allowed to sign it when it was",
      "accepted is the node's claim, which only `coop audit` (a replay of the ledger) checks.",
      "The ledger's key comes from --trust-key (as the co-op publishes it), else the key pinned",
      "for the ledger by `coop audit`; with neither, nothing is verified (exit 5)."
    })
public final class VerifyProofCommand implements Runnable {
  /** What a bundle cannot show by itself: only a replay of the whole ledger can. */
  static final java.util.List<String> NODE_CLAIMS =
      java.util.List.of(
          "that these keys belonged to members of the co-op when the entry was accepted",
          "that the co-op's rules let them sign it (roles, approvals, votes, time bounds)",
          "that the entry took effect (the rules did not refuse it at its turn)");

  /** Neither a pinned key nor {@code --trust-key} for the bundle's ledger. */
  public static final String KEY_NOT_TRUSTED = "KEY_NOT_TRUSTED";

  private final CliContext context;

  @Parameters(paramLabel = "FILE", description = "a bundle written by `coop proof`")
  Path file;

  @Option(
      names = {"--trust-key", "--verifier-key"},
      paramLabel = "KEY",
      description = "the node's checkpoint key as the co-op publishes it (origin+hash+key)")
  String verifierKey;

  @Mixin TrustDirOption trust;
  @Mixin JsonOption json;

  VerifyProofCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    ProofBundle bundle = ProofBundle.read(file);
    String key;
    String source;
    Optional<String> pinned = trust.store(context).verifierKeyFor(bundle.origin());
    if (verifierKey != null) {
      key = verifierKey;
      source = "given with --verifier-key";
    } else if (pinned.isPresent()) {
      key = pinned.get();
      source = "pinned in " + trust.store(context).dir();
    } else {
      // The key the bundle names proves only that the bundle agrees with itself: anyone can
      // make such a bundle for any history.
      throw new VerificationException(
          KEY_NOT_TRUSTED,
          "no trusted key for ledger "
              + bundle.origin()
              + ": pass the key the co-op publishes with --trust-key, or audit the ledger once"
              + " (`coop audit`) to pin it. The bundle names "
              + bundle.verifierKey()
              + ", which proves nothing by itself.");
    }
    ProofBundle.Verified verified = bundle.verify(NoteVerifier.parse(key));
    if (json.enabled()) {
      var view = Json.object();
      view.put("verified", true);
      view.put("origin", bundle.origin());
      view.put("index", bundle.index());
      view.put("treeSize", bundle.treeSize());
      view.put("entryId", verified.entry().id().hex());
      view.put("summary", EntryViews.describe(verified.entry().entry()));
      view.put("acceptedAtMillis", verified.acceptedAtMillis());
      var signers = view.putArray("verifiedSignatures");
      verified.signers().forEach(id -> signers.add(id.hex()));
      var claims = view.putArray("nodeClaims");
      NODE_CLAIMS.forEach(claims::add);
      view.put("verifierKey", key);
      view.put("keySource", source);
      Json.print(context.out(), view);
      return;
    }
    context
        .out()
        .println(
            "proof verifies: entry #"
                + bundle.index()
                + " is in ledger "
                + bundle.origin()
                + " (size "
                + bundle.treeSize()
                + ")");
    context.out().println("  entry:    " + EntryViews.describe(verified.entry().entry()));
    context.out().println("  entry id: " + verified.entry().id().hex());
    context.out().println("  accepted: " + Instant.ofEpochMilli(verified.acceptedAtMillis()));
    context.out().println("  checkpoint signed by " + key + " (" + source + ")");
    context
        .out()
        .println(
            "  member signatures verified: "
                + verified.signers().stream().map(id -> id.hex()).toList()
                + " (the author's among them)");
    context.out().println("not checked here, the node's claim (`coop audit` checks it):");
    NODE_CLAIMS.forEach(claim -> context.out().println("  - " + claim));
  }
}
