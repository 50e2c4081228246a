package org.coopledger.node.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.coopledger.node.ledger.LedgerReader;

/**
 * {@code /observe/health}: UP when the ledger is loaded and the Raft server has a leader to write
 * through. (Helidon's own health observer is not in the registry this project builds from; the
 * shape follows its JSON: {@code {"status", "checks": [{"name", "status", "data"}]}}.)
 */
final class HealthService implements HttpService {
  private final LedgerReader ledger;
  private final BooleanSupplier writable;

  HealthService(LedgerReader ledger, BooleanSupplier writable) {
    this.ledger = ledger;
    this.writable = writable;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", this::health).get("/live", this::live).get("/ready", this::health);
  }

  private void live(ServerRequest request, ServerResponse response) {
    Json.ok(response, Map.of("status", "UP"));
  }

  private void health(ServerRequest request, ServerResponse response) {
    boolean raft = writable.getAsBoolean();
    Map<String, Object> ledgerCheck = new LinkedHashMap<>();
    ledgerCheck.put("name", "ledger");
    ledgerCheck.put("status", "UP");
    ledgerCheck.put("data", Map.of("treeSize", ledger.view().treeSize()));
    Map<String, Object> raftCheck = new LinkedHashMap<>();
    raftCheck.put("name", "raft");
    raftCheck.put("status", raft ? "UP" : "DOWN");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", raft ? "UP" : "DOWN");
    out.put("checks", List.of(ledgerCheck, raftCheck));
    Json.send(response, raft ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, out);
  }
}
