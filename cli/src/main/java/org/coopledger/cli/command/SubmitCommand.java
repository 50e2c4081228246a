package org.coopledger.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.NodeRejectedException;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.audit.ReceiptCheck;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.output.Json;
import org.coopledger.cli.trust.TrustStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coop submit FILE...}: send signed entry files to the node. One file is one {@code POST
 * /v1/entries}; several go in order as one {@code POST /v1/entries:batch}, and each is answered on
 * its own (a bad one refuses only itself). Every acceptance's signed receipt is verified and kept
 * in the journal before it is reported, as for a single entry.
 */
@Command(
    name = "submit",
    description = {
      "Submit signed entry files to the node.",
      "Several files go in one batch request, in the order given; each is accepted or refused on"
          + " its own. The exit code is 3 if any was refused."
    })
public final class SubmitCommand implements Runnable {
  private final CliContext context;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "the signed entry files")
  List<Path> files;

  @Mixin NodeOption node;
  @Mixin JsonOption json;
  @Mixin TrustDirOption trust;

  @Option(
      names = {"-q", "--quiet"},
      description = "print only the entry ids")
  boolean quiet;

  SubmitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    if (files.size() == 1) {
      Publisher.submit(
          context,
          node.client(context),
          trust.store(context),
          SignedEntryFile.read(files.get(0)),
          json.enabled(),
          quiet);
      return;
    }
    ObjectNode batch = Json.object();
    ArrayNode entries = batch.putArray("entries");
    List<byte[]> signed = new ArrayList<>();
    for (Path file : files) {
      byte[] entry = SignedEntryFile.read(file);
      signed.add(entry);
      entries.add(SignedEntryFile.apiJson(entry));
    }
    NodeClient client = node.client(context);
    TrustStore store = trust.store(context);
    JsonNode reply = client.postJson("/v1/entries:batch", batch);
    JsonNode results = reply.path("results");
    JsonNode firstRefusal = null;
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < files.size(); i++) {
      JsonNode result = results.path(i);
      boolean accepted = result.path("status").asInt() == 201;
      if (!accepted && firstRefusal == null) {
        firstRefusal = result;
      }
      // Each acceptance is checked and kept like a single one, before it is reported.
      ReceiptCheck.Checked receipt =
          accepted ? ReceiptCheck.check(client, store, signed.get(i), result) : null;
      if (receipt != null && receipt.pinnedNow()) {
        context
            .err()
            .println(
                "pinned the key of ledger "
                    + receipt.receipt().origin()
                    + " on first use: "
                    + receipt.verifierKey());
      }
      if (json.enabled()) {
        ObjectNode line = Json.object();
        line.put("file", files.get(i).toString());
        line.setAll((ObjectNode) result);
        if (receipt != null) {
          line.put("receiptFile", receipt.file().toString());
        }
        out.add(line);
      } else if (quiet) {
        context.out().println(accepted ? result.path("entryId").asText() : "-");
      } else {
        context
            .out()
            .println(
                files.get(i)
                    + ": "
                    + (accepted
                        ? (result.path("duplicate").asBoolean()
                                ? "already in the ledger (submitted before) as entry #"
                                : "accepted as entry #")
                            + receipt.receipt().index()
                            + " (signed receipt kept in "
                            + receipt.file()
                            + ")"
                        : "refused ("
                            + result.path("error").asText()
                            + "): "
                            + result.path("message").asText()));
      }
    }
    if (json.enabled()) {
      Json.print(context.out(), out);
    }
    context.out().flush();
    if (firstRefusal != null) {
      throw new NodeRejectedException(
          firstRefusal.path("status").asInt(),
          firstRefusal.path("error").asText(),
          reply.path("refused").asInt()
              + " of "
              + files.size()
              + " entries were refused; the others were accepted");
    }
  }
}
