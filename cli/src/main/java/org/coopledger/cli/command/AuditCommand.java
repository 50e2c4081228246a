package org.coopledger.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.audit.AuditReport;
import org.coopledger.cli.audit.Auditor;
import org.coopledger.cli.output.Json;
import org.coopledger.cli.output.Progress;
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
      "Exit 0 only if everything holds; otherwise exit 5 naming the first check that failed."
    })
public final class AuditCommand implements Callable<Integer> {
  private final CliContext context;
  @Mixin NodeOption node;
  @Mixin TrustDirOption trust;
  @Mixin JsonOption json;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "entries per request (default 500)")
  int pageSize = 500;

  AuditCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    // Steps go to stdout for people, to stderr when stdout carries the JSON report.
    PrintWriter steps = json.enabled() ? context.err() : context.out();
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
        new Auditor(node.client(context), trust.store(context), listener, pageSize).audit();
    if (json.enabled()) {
      Json.print(context.out(), report);
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
