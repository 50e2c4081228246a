package org.coopledger.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.audit.AnchorAudit;
import org.coopledger.cli.audit.AuditReport;
import org.coopledger.cli.audit.Auditor;
import org.coopledger.cli.output.Json;
import org.coopledger.cli.output.Progress;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.merkle.Hash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coop audit}: trust nothing the node says until it verifies. */
@Command(
    name = "audit",
    description = {
      "Verify a node from scratch: its checkpoint signature against the key pinned on first use,",
      "consistency with the last checkpoint you saw, every entry's place in the Merkle tree,",
      "every signature and clause (by replaying the ledger), and the node's state digest.",
      "With --anchor-rpc/--anchor-contract, also that the node's history contains the",
      "checkpoint anchored on Ethereum (a rewritten history fails here).",
      "With --mine, also every signed receipt you kept for this ledger.",
      "Exit 0 only if everything holds; otherwise exit 5 naming the first check that failed."
    })
public final class AuditCommand implements Callable<Integer> {
  private final CliContext context;
  @Mixin NodeOption node;
  @Mixin TrustDirOption trust;
  @Mixin JsonOption json;
  @Mixin AnchorOptions anchor;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "entries per request (default 500)")
  int pageSize = 500;

  @Option(
      names = "--witness",
      paramLabel = "KEY",
      description = {
        "a witness's verifier key (name+hash+key, type 0x04); repeatable. Its cosignature, where",
        "the checkpoint carries one, must verify and be no earlier than the entries it covers"
      })
  List<String> witnesses = new ArrayList<>();

  @Option(
      names = "--mine",
      description = {
        "also check every receipt you kept when you submitted (see `coop receipt show`):",
        "each entry must be in the ledger at its index, unchanged, at the promised time"
      })
  boolean mine;

  AuditCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    // Steps go to stdout for people, to stderr when stdout carries the JSON report.
    PrintWriter steps = json.enabled() ? context.err() : context.out();
    boolean checkAnchor = anchor.enabled();
    String url = node.url(context);
    steps.println("auditing " + url);
    Auditor.Listener listener =
        new Auditor.Listener() {
          @Override
          public void step(String line) {
            steps.println("  ok  " + line);
            steps.flush();
          }

          @Override
          public Progress progress(String label, long total) {
            return new Progress(
                context.err(), context.terminal().interactive(), "  " + label, total);
          }
        };
    AuditReport report =
        new Auditor(node.client(context), trust.store(context), listener, pageSize, witnesses)
            .audit(mine);
    AnchorAudit.AnchorVerdict verdict = null;
    if (checkAnchor) {
      verdict =
          new AnchorAudit(node.client(context), anchor.rpc(), anchor.contract(), anchor.admin())
              .check(
                  report.coopId(),
                  new Checkpoint(
                      report.origin(), report.treeSize(), Hash.fromHex(report.rootHex()).bytes()));
      listener.step(
          "the node's history contains every checkpoint anchored on chain ("
              + verdict.anchorsChecked()
              + "), the latest: size "
              + verdict.anchoredSize()
              + ", block "
              + verdict.blockNumber()
              + ", tx "
              + verdict.txHash());
      if (verdict.adminIsNode()) {
        steps.println(
            "  WARNING the co-op's anchoring admin "
                + verdict.admin()
                + " is the node's own account: its operator alone decides what is anchored."
                + " Make a co-op multisig the admin (see contracts/README.md).");
      }
      if (verdict.adminFromNode()) {
        steps.println(
            "  note the anchoring admin "
                + verdict.admin()
                + " was named by the node; pin it with --anchor-admin");
      }
    }
    if (json.enabled()) {
      if (verdict == null) {
        Json.print(context.out(), report);
      } else {
        ObjectNode out = Json.MAPPER.valueToTree(report);
        out.set("anchor", Json.MAPPER.valueToTree(verdict));
        Json.print(context.out(), out);
      }
    } else {
      context
          .out()
          .println(
              "audit passed: "
                  + report.treeSize()
                  + " entries of co-op "
                  + report.coopId()
                  + ", root "
                  + report.rootHex()
                  + ", state digest "
                  + report.stateDigest());
    }
    return ExitCode.OK;
  }
}
