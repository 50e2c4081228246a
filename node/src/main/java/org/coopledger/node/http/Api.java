package org.coopledger.node.http;

import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRouting;
import java.util.Optional;
import java.util.function.Function;
import org.coopledger.api.error.ApiError;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.anchor.AnchorScheduler;
import org.coopledger.node.checkpoint.Checkpointer;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.replication.RaftHost;
import org.coopledger.node.replication.Reconfigurer;
import org.coopledger.node.witness.NodeUrls;
import org.coopledger.node.witness.Witness;
import org.coopledger.node.write.Submitter;

/** The routes of the REST API and its error mapping, registered on a Helidon routing. */
public final class Api {
  private Api() {}

  /** Largest body of a batch request: room for as many entries as a batch may hold. */
  public static int batchBodyBytes(NodeConfig config) {
    return (int) Math.min(Integer.MAX_VALUE - 8, 16L * config.maxBodyBytes());
  }

  /**
   * Everything a node serves under {@code /v1} and {@code /openapi}, and the members' web app at
   * {@code /} (health and metrics under {@code /observe} come from Helidon's observe feature, see
   * {@link NodeHealth}).
   */
  public static void routing(
      HttpRouting.Builder routing,
      NodeConfig config,
      LedgerReader ledger,
      Submitter submitter,
      Checkpointer checkpointer,
      RaftHost raft,
      Reconfigurer reconfigurer,
      Optional<AnchorScheduler> anchors,
      Witness witness,
      NodeUrls urls) {
    ErrorMapping.register(routing);
    Function<Submitter.Receipt, String> receipts =
        receipt ->
            checkpointer
                .signer()
                .receipt(receipt.index(), receipt.leafHash(), receipt.acceptedAtMillis());
    routing
        // Exact, so that the colon is literal and no pattern of /v1/entries/{index} can take it.
        .route(
            Method.POST,
            PathMatchers.exact("/v1/entries:batch"),
            new EntryBatchHandler(
                submitter, receipts, config.batchMaxEntries(), batchBodyBytes(config)))
        .register(
            "/v1/entries",
            new EntriesService(
                ledger, submitter, receipts, config.maxBodyBytes(), config.maxPageSize()))
        .register("/v1/proofs", new ProofsService(ledger))
        .register("/v1/anchors", new AnchorsService(anchors))
        .register(
            "/v1",
            new NodeService(
                config, ledger, checkpointer, checkpointer.signer(), raft, reconfigurer, urls))
        .register("/v1", new StateService(ledger, java.time.Clock.systemUTC()))
        .register("/v1/reports", new ReportsService(ledger))
        .register("/openapi", new OpenApiService())
        .register("/", new WitnessService(witness, urls))
        .any(
            "/v1/*",
            (req, res) -> {
              throw new ApiException(
                  ApiError.NO_SUCH_ROUTE,
                  "no route "
                      + req.prologue().method().text()
                      + " "
                      + req.path().path()
                      + "; see /openapi for the API");
            });
    WebApp.routing(routing);
  }
}
