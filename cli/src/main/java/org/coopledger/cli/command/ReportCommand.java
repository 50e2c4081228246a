package org.coopledger.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.audit.AuditReport;
import org.coopledger.cli.audit.Auditor;
import org.coopledger.cli.output.Json;
import org.coopledger.cli.output.Progress;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.report.Metrics;
import org.coopledger.governance.report.MoneyJournal;
import org.coopledger.governance.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coop report revenue|statement|pools|metrics}: the node's money reports and metrics
 * (docs/money.md#reports), as JSON or CSV. With {@code --verify}, the ledger is audited (as {@code
 * coop audit} does) and the report recomputed from the audited replay; a report the node serves
 * that differs is a failed verification (exit 5, {@code REPORT_MISMATCH}).
 */
@Command(
    name = "report",
    description =
        "Reports: revenue by source, month, drop, tier or region, a statement, pools, metrics"
            + " (docs/money.md).",
    subcommands = {
      ReportCommand.Revenue.class,
      ReportCommand.StatementReport.class,
      ReportCommand.Pools.class,
      ReportCommand.MetricsCommand.class
    })
public final class ReportCommand {

  /** Options every report has, and how it is fetched, verified and printed. */
  abstract static class Report<T> implements Callable<Integer> {
    final CliContext context;
    @Mixin NodeOption node;
    @Mixin TrustDirOption trust;

    @Option(names = "--csv", description = "print CSV instead of JSON")
    boolean csv;

    @Option(
        names = "--verify",
        description = {
          "audit the ledger and recompute the report from the audited replay; fail (exit 5) if",
          "the node's report differs"
        })
    boolean verify;

    Report(CliContext context) {
      this.context = context;
    }

    /** The report's path and query under the node's URL, without a tree size. */
    abstract String path();

    abstract Class<T> type();

    /** The report computed from a journal of the audited ledger. */
    abstract T compute(MoneyJournal journal);

    abstract String csv(T report);

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
      NodeClient client = node.client(context);
      T report;
      if (verify) {
        MoneyJournal journal = new MoneyJournal();
        AuditReport audit =
            new Auditor(client, trust.store(context), quiet(), 500)
                .observing(journal.observer())
                .audit();
        T served = read(client, path() + sep() + "treeSize=" + audit.treeSize());
        report = compute(journal);
        if (!report.equals(served)) {
          throw new VerificationException(
              "REPORT_MISMATCH",
              "the node's report at tree size "
                  + audit.treeSize()
                  + " is not what the audited ledger gives: the node says "
                  + Json.MAPPER.writeValueAsString(served)
                  + " but the replay gives "
                  + Json.MAPPER.writeValueAsString(report));
        }
        context
            .err()
            .println(
                "verified: the node's report equals the one recomputed from the audited ledger of "
                    + audit.treeSize()
                    + " entries (state digest "
                    + audit.stateDigest()
                    + ")");
        context.err().flush();
      } else {
        report = read(client, path());
      }
      if (csv) {
        context.out().print(csv(report));
        context.out().flush();
      } else {
        Json.print(context.out(), Json.MAPPER.valueToTree(report));
      }
      return ExitCode.OK;
    }

    private String sep() {
      return path().contains("?") ? "&" : "?";
    }

    private T read(NodeClient client, String path) throws JsonProcessingException {
      JsonNode json = client.getJson(path);
      return Json.MAPPER.treeToValue(json, type());
    }

    private Auditor.Listener quiet() {
      return new Auditor.Listener() {
        @Override
        public void step(String line) {}

        @Override
        public Progress progress(String label, long total) {
          return new Progress(context.err(), false, "  " + label, total);
        }
      };
    }
  }

  @Command(
      name = "revenue",
      description =
          "Revenue by source, by month (UTC), by drop, or by membership tier or region (only"
              + " revenue recorded against a tier), per currency.")
  static final class Revenue extends Report<Reports.RevenueReport> {
    @Option(
        names = "--by",
        paramLabel = "source|month|drop|tier|region",
        description = "default: source")
    String by = "source";

    Revenue(CliContext context) {
      super(context);
    }

    @Override
    String path() {
      Reports.By.of(by);
      return "/v1/reports/revenue?by=" + by;
    }

    @Override
    Class<Reports.RevenueReport> type() {
      return Reports.RevenueReport.class;
    }

    @Override
    Reports.RevenueReport compute(MoneyJournal journal) {
      return Reports.revenue(journal, Reports.By.of(by));
    }

    @Override
    String csv(Reports.RevenueReport report) {
      return report.csv();
    }
  }

  @Command(
      name = "statement",
      description = "Every credit and payout of a member, pool or guest, and their balances.")
  static final class StatementReport extends Report<Reports.Statement> {
    @Parameters(
        paramLabel = "ACCOUNT",
        description = "a member (name or id), pool:NAME or guest:NAME")
    String account;

    StatementReport(CliContext context) {
      super(context);
    }

    @Override
    String path() {
      return "/v1/reports/statements/" + URLEncoder.encode(account, StandardCharsets.UTF_8);
    }

    @Override
    Class<Reports.Statement> type() {
      return Reports.Statement.class;
    }

    @Override
    Reports.Statement compute(MoneyJournal journal) {
      return Reports.statement(
          journal,
          Reports.account(journal.state(), account)
              .orElseThrow(
                  () ->
                      new VerificationException(
                          "REPORT_MISMATCH",
                          "the node reports on "
                              + account
                              + ", whom the audited ledger does not know")));
    }

    @Override
    String csv(Reports.Statement report) {
      return report.csv();
    }
  }

  @Command(name = "pools", description = "Every pool's balances and movements.")
  static final class Pools extends Report<Reports.PoolsReport> {
    Pools(CliContext context) {
      super(context);
    }

    @Override
    String path() {
      return "/v1/reports/pools";
    }

    @Override
    Class<Reports.PoolsReport> type() {
      return Reports.PoolsReport.class;
    }

    @Override
    Reports.PoolsReport compute(MoneyJournal journal) {
      return Reports.pools(journal);
    }

    @Override
    String csv(Reports.PoolsReport report) {
      return report.csv();
    }
  }

  @Command(
      name = "metrics",
      description = "Governance health and drop sell-through, each with what it does not know.")
  static final class MetricsCommand extends Report<Metrics.MetricsReport> {
    MetricsCommand(CliContext context) {
      super(context);
    }

    @Override
    String path() {
      return "/v1/reports/metrics";
    }

    @Override
    Class<Metrics.MetricsReport> type() {
      return Metrics.MetricsReport.class;
    }

    @Override
    Metrics.MetricsReport compute(MoneyJournal journal) {
      return Metrics.of(journal);
    }

    @Override
    String csv(Metrics.MetricsReport report) {
      return report.csv();
    }
  }
}
