package org.coopledger.cli.command;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.audit.ProofBundle;
import org.coopledger.cli.entry.EntryViews;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.checkpoint.NoteVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coop verify-proof FILE}: checks a proof bundle without contacting any node. */
@Command(
    name = "verify-proof",
    description = {
      "Check a proof bundle offline: the checkpoint's signature, then the entry's inclusion.",
      "The node key comes from --verifier-key, else the key pinned by `coop audit`."
    })
public final class VerifyProofCommand implements Runnable {
  private final CliContext context;

  @Parameters(paramLabel = "FILE", description = "a bundle written by `coop proof`")
  Path file;

  @Option(
      names = "--verifier-key",
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
      key = bundle.verifierKey();
      source = "named by the bundle itself";
      context
          .err()
          .println(
              "WARNING: no trusted key for "
                  + bundle.origin()
                  + ". Checking against the key the"
                  + " bundle names proves only that the bundle is consistent with itself; pass"
                  + " --verifier-key (the co-op publishes it) or run `coop audit` once to pin it.");
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
    context.out().println("  signed by " + key + " (" + source + ")");
  }
}
