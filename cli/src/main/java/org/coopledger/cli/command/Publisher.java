package org.coopledger.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.audit.ReceiptCheck;
import org.coopledger.cli.entry.EntryViews;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.cli.output.Json;
import org.coopledger.cli.trust.TrustStore;
import org.coopledger.governance.action.Action;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.crypto.SigningKey;

/**
 * Turns an action into a signed entry with the member's key, then submits it or writes it to a file
 * for offline co-signing. The key is used here, on the member's machine, and never sent.
 */
final class Publisher {
  private final CliContext context;
  private final EntryOptions options;
  private NodeClient client;

  Publisher(CliContext context, EntryOptions options) {
    this.context = context;
    this.options = options;
  }

  NodeClient client() {
    if (client == null) {
      client = options.node.client(context);
    }
    return client;
  }

  /** Member names and proposal id prefixes, resolved from the last audit where there is one. */
  Directory directory() {
    return new Directory(client(), options.trust.store(context), context.err());
  }

  /** Signs {@code action} as the {@code --key} member (plus {@code coSigners}) and publishes it. */
  void publish(Action action, SigningKey... coSigners) {
    KeyFiles.LoadedKey author = options.key.load(context);
    String coopId = options.coop != null ? options.coop : client().nodeInfo().coopId();
    Instant now = Instant.now();
    // Microseconds since the epoch: strictly increasing for one person at a keyboard, and
    // needs no round trip to learn the last nonce, so entries can be drafted offline.
    long nonce = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    Entry entry =
        new Entry(
            coopId,
            author.key().id(),
            nonce,
            now.toEpochMilli(),
            now.plus(options.expiry()).toEpochMilli(),
            action);
    List<SigningKey> keys = new ArrayList<>();
    keys.add(author.key());
    keys.addAll(List.of(coSigners));
    byte[] signed = EntrySigner.sign(entry, keys.toArray(SigningKey[]::new));
    if (options.out != null) {
      SignedEntryFile.write(options.out, signed);
      reportDraft(context, signed, options.out.toString(), options.json.enabled(), options.quiet);
    } else {
      submit(
          context,
          client(),
          options.trust.store(context),
          signed,
          options.json.enabled(),
          options.quiet);
    }
  }

  /**
   * Submits a signed entry, checks and keeps the node's signed receipt (see {@link ReceiptCheck}),
   * and only then prints what the node said.
   */
  static void submit(
      CliContext context,
      NodeClient client,
      TrustStore trust,
      byte[] signed,
      boolean json,
      boolean quiet) {
    DecodedEntry decoded = EntryCodec.decode(signed);
    JsonNode accepted = client.submit(SignedEntryFile.apiJson(signed));
    ReceiptCheck.Checked receipt = ReceiptCheck.check(client, trust, signed, accepted);
    if (receipt.pinnedNow()) {
      context
          .err()
          .println(
              "pinned the key of ledger "
                  + receipt.receipt().origin()
                  + " on first use: "
                  + receipt.verifierKey());
    }
    String id = decoded.id().hex();
    if (json) {
      ObjectNode out = Json.object();
      out.put("entryId", id);
      out.put("summary", EntryViews.describe(decoded.entry()));
      if (accepted.isObject()) {
        out.setAll((ObjectNode) accepted);
      }
      out.put("receiptFile", receipt.file().toString());
      Json.print(context.out(), out);
    } else if (quiet) {
      context.out().println(id);
    } else {
      context
          .out()
          .println(
              (accepted.path("duplicate").asBoolean()
                      ? "already in the ledger (submitted before) as entry #"
                      : "accepted as entry #")
                  + receipt.receipt().index()
                  + ": "
                  + EntryViews.describe(decoded.entry()));
      context.out().println("signed receipt kept in " + receipt.file());
      if (decoded.entry().action() instanceof CreateProposal) {
        context.out().println("proposal id: " + id);
        context.out().println("see what it still needs: coop show proposal " + id.substring(0, 12));
      }
    }
    context.out().flush();
  }

  static void reportDraft(
      CliContext context, byte[] signed, String file, boolean json, boolean quiet) {
    DecodedEntry decoded = EntryCodec.decode(signed);
    if (json) {
      ObjectNode out = Json.object();
      out.put("file", file);
      out.put("entryId", decoded.id().hex());
      out.put("summary", EntryViews.describe(decoded.entry()));
      var signedBy = out.putArray("signedBy");
      decoded.signatures().forEach(s -> signedBy.add(s.keyId().hex()));
      Json.print(context.out(), out);
      return;
    }
    if (quiet) {
      context.out().println(decoded.id().hex());
      return;
    }
    context.out().println("wrote " + file + ": " + EntryViews.describe(decoded.entry()));
    context.out().println("entry id: " + decoded.id().hex());
    context.out().println("signatures: " + decoded.signatures().size());
    context
        .out()
        .println(
            "next: others add theirs with `coop sign "
                + file
                + " --key THEIR_KEY`,"
                + " then anyone runs `coop submit "
                + file
                + "`");
  }
}
