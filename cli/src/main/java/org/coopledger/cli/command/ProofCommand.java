package org.coopledger.cli.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.audit.ProofBundle;
import org.coopledger.cli.audit.SignerKeys;
import org.coopledger.cli.entry.EntryViews;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.merkle.Hash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coop proof INDEX --out FILE}: an offline proof that an entry is in the ledger. */
@Command(
    name = "proof",
    description = {
      "Save an offline proof that entry INDEX is in the ledger: the entry, its inclusion proof",
      "and the signed checkpoint. Anyone can check it with `coop verify-proof FILE`."
    })
public final class ProofCommand implements Runnable {
  private final CliContext context;

  @Parameters(
      paramLabel = "INDEX",
      description = "the entry's index (as `accepted as entry #N` said)")
  long index;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "the bundle to write")
  Path out;

  @Mixin NodeOption node;
  @Mixin TrustDirOption trust;
  @Mixin JsonOption json;

  ProofCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    NodeClient client = node.client(context);
    String key = java.util.Objects.requireNonNullElse(client.nodeInfo().verifierKey(), "");
    NoteVerifier verifier = NoteVerifier.parse(key);
    String origin = verifier.name();
    // Same trust on first use as `coop audit`: a changed key for this ledger stops here, loudly.
    trust.store(context).pin(key);
    String note = client.checkpoint();
    Checkpoint checkpoint =
        SignedCheckpoint.verify(note.getBytes(StandardCharsets.UTF_8), verifier).checkpoint();
    if (index < 0 || index >= checkpoint.size()) {
      throw new IllegalArgumentException(
          "entry #"
              + index
              + " is not covered by the latest checkpoint (size "
              + checkpoint.size()
              + "); new entries are covered within a second or so");
    }
    byte[] leaf = client.entry(index).leafBytes();
    List<Hash> path = new ArrayList<>();
    for (String h : client.inclusionProof(index, checkpoint.size()).hashes()) {
      path.add(Hash.fromBase64(h));
    }
    // The signers' keys, so that the bundle's entry signatures can be checked offline too.
    Map<String, String> signerKeys;
    try {
      DecodedEntry entry = EntryCodec.decode(AcceptedEntry.fromBytes(leaf).signedEntry());
      signerKeys = SignerKeys.toJson(SignerKeys.of(client, entry, index));
    } catch (CoopException e) {
      signerKeys = Map.of(); // bundle.verify names what is wrong with the leaf
    }
    ProofBundle bundle =
        new ProofBundle(origin, key, note, index, checkpoint.size(), leaf, path, signerKeys);
    // Check before saving: a bundle that does not verify is evidence of a lying node, not a proof.
    ProofBundle.Verified verified = bundle.verify(verifier);
    bundle.write(out);
    if (json.enabled()) {
      var view = Json.object();
      view.put("file", out.toString());
      view.put("index", index);
      view.put("treeSize", checkpoint.size());
      view.put("entryId", verified.entry().id().hex());
      Json.print(context.out(), view);
      return;
    }
    context
        .out()
        .println(
            "wrote "
                + out
                + ": entry #"
                + index
                + " ("
                + EntryViews.describe(verified.entry().entry())
                + ") in the ledger of size "
                + checkpoint.size());
    context.out().println("anyone can check it, offline: coop verify-proof " + out);
  }
}
