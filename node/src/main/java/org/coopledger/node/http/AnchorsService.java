package org.coopledger.node.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("enabled", scheduler.isPresent());
    if (scheduler.isEmpty()) {
      out.put("anchors", List.of());
      response.send(out);
      return;
    }
    AnchorScheduler.Status status = scheduler.get().status();
    out.put("contract", status.contract());
    out.put("ledgerId", status.ledgerId());
    out.put("account", status.account());
    out.put("lastError", status.lastError().orElse(null));
    out.put("anchors", status.anchors());
    response.send(out);
  }
}
