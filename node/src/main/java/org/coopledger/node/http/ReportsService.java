package org.coopledger.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Function;
import org.coopledger.api.error.ApiError;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.report.Metrics;
import org.coopledger.governance.report.MoneyJournal;
import org.coopledger.governance.report.Reports;
import org.coopledger.node.ledger.LedgerReader;

/**
 * The money reports (docs/money.md#reports) under {@code /v1/reports}: {@code
 * revenue?by=source|month|drop|tier|region}, {@code statements/{account}}, {@code pools} and {@code
 * metrics}, as JSON or, with {@code ?format=csv}, as CSV. Each is computed by replaying the node's
 * own records up to {@code ?treeSize=} (default: all of them) and states that tree size and the
 * state digest, so that {@code coop report --verify} can recompute it from an audited replay. The
 * replay of the whole ledger is kept and extended, not redone.
 */
final class ReportsService implements HttpService {
  private final LedgerReader ledger;
  private MoneyJournal journal = new MoneyJournal();

  ReportsService(LedgerReader ledger) {
    this.ledger = ledger;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get(
            "/revenue",
            (req, res) -> {
              Reports.By by;
              try {
                by = Reports.By.of(req.query().first("by").orElse("source"));
              } catch (IllegalArgumentException e) {
                throw new ApiException(ApiError.BAD_PARAMETER, e.getMessage());
              }
              Reports.RevenueReport report = Reports.revenue(journal(req), by);
              send(req, res, report, Reports.RevenueReport::csv);
            })
        .get(
            "/statements/{account}",
            (req, res) -> {
              MoneyJournal j = journal(req);
              Reports.Statement report =
                  Reports.statement(
                      j, account(j.state(), req.path().pathParameters().get("account")));
              send(req, res, report, Reports.Statement::csv);
            })
        .get(
            "/pools",
            (req, res) -> send(req, res, Reports.pools(journal(req)), Reports.PoolsReport::csv))
        .get(
            "/metrics",
            (req, res) -> send(req, res, Metrics.of(journal(req)), Metrics.MetricsReport::csv));
  }

  private static MemberId account(CoopState state, String text) {
    return Reports.account(state, text)
        .orElseThrow(
            () ->
                new ApiException(
                    ApiError.ACCOUNT_NOT_FOUND,
                    "no member, pool or guest is called or has the id '" + text + "'"));
  }

  private <T> void send(ServerRequest req, ServerResponse res, T report, Function<T, String> csv) {
    String format = req.query().first("format").orElse("json");
    switch (format) {
      case "json" -> res.send(report);
      case "csv" -> {
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.send(csv.apply(report));
      }
      default ->
          throw new ApiException(
              ApiError.BAD_PARAMETER, "format is json or csv, not '" + format + "'");
    }
  }

  /** The journal of the first {@code ?treeSize=} records (default: every record). */
  private synchronized MoneyJournal journal(ServerRequest req) {
    long size = ledger.view().treeSize();
    if (size == 0) {
      throw new ApiException(
          ApiError.NOT_FOUNDED, "the ledger has no genesis yet: no money to report");
    }
    long wanted = Params.query(req, "treeSize", size);
    if (wanted < 1 || wanted > size) {
      throw new ApiException(
          ApiError.BAD_PARAMETER,
          "treeSize must be between 1 and the ledger's " + size + " entries, got " + wanted);
    }
    MoneyJournal j = wanted < journal.size() ? new MoneyJournal() : journal;
    for (long i = j.size(); i < wanted; i++) {
      long index = i;
      j.append(
          ledger
              .record(index)
              .orElseThrow(() -> new IllegalStateException("record " + index + " is missing")),
          SignatureVerifier.CRYPTO);
    }
    if (j.size() >= journal.size()) {
      journal = j;
    }
    return j;
  }
}
