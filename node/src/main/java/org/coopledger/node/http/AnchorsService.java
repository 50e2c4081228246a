package org.coopledger.node.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import org.coopledger.api.v1.AnchorsResponse;
import org.coopledger.node.anchor.AnchorRecord;
import org.coopledger.node.anchor.AnchorScheduler;

/**
 * {@code GET /v1/anchors}: the checkpoints this node anchored on chain (newest first), where (the
 * contract, ledger id and account) and the last anchoring error, if the latest attempt failed.
 */
final class AnchorsService implements HttpService {
  private final Optional<AnchorScheduler> scheduler;

  AnchorsService(Optional<AnchorScheduler> scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", this::anchors);
  }

  private void anchors(ServerRequest request, ServerResponse response) {
    if (scheduler.isEmpty()) {
      response.send(AnchorsResponse.disabled());
      return;
    }
    AnchorScheduler.Status status = scheduler.get().status();
    response.send(
        new AnchorsResponse(
            true,
            status.contract(),
            status.ledgerId(),
            status.account(),
            status.lastError().orElse(null),
            status.anchors().stream().map(AnchorsService::anchor).toList()));
  }

  private static AnchorsResponse.Anchor anchor(AnchorRecord a) {
    return new AnchorsResponse.Anchor(
        a.treeSize(),
        a.rootHash(),
        a.ledgerId(),
        a.blockNumber(),
        a.txHash(),
        a.gasUsed(),
        a.anchoredAt());
  }
}
