package org.coopledger.node.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coopledger.api.error.ApiError;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.ReadModel;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.ledger.LedgerView;

/**
 * The governance read models of the latest state: {@code /v1/state} (summary and digest), {@code
 * /v1/members}, {@code /v1/proposals} (with tallies and what each clause still needs), {@code
 * /v1/splits}, {@code /v1/money} (named splits and routes), {@code /v1/balances} and {@code
 * /v1/rulebook}. Every answer carries the tree size it reflects. Clause status is evaluated as of
 * now (or {@code ?asOf=millis}); that is a view, never an input of the state machine.
 */
final class StateService implements HttpService {
  private final LedgerReader ledger;
  private final Clock clock;

  StateService(LedgerReader ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/state", this::state)
        .get("/members", (req, res) -> send(res, "members", ReadModel.members(state())))
        .get("/splits", (req, res) -> send(res, "splits", ReadModel.splits(state())))
        .get("/money", (req, res) -> send(res, "money", ReadModel.money(state())))
        .get("/balances", (req, res) -> send(res, "balances", ReadModel.balances(state())))
        .get("/rulebook", (req, res) -> send(res, "rulebook", state().rulebook()))
        .get("/proposals", this::proposals)
        .get("/proposals/{id}", this::proposal);
  }

  private void state(ServerRequest request, ServerResponse response) {
    LedgerView view = ledger.view();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("treeSize", view.treeSize());
    out.put("founded", view.state().isFounded());
    out.put("stateDigest", view.state().digestHex());
    if (view.state().isFounded()) {
      out.put("coop", ReadModel.coop(view.state()));
    }
    response.send(out);
  }

  private void proposals(ServerRequest request, ServerResponse response) {
    long asOf = Params.query(request, "asOf", clock.millis());
    send(response, "proposals", ReadModel.proposals(state(), asOf));
  }

  private void proposal(ServerRequest request, ServerResponse response) {
    String text = request.path().pathParameters().get("id");
    if (text == null || !text.matches("[0-9a-f]{64}")) {
      throw new ApiException(
          ApiError.BAD_PARAMETER,
          "a proposal id is 64 lowercase hex characters, got '" + text + "'");
    }
    EntryId id = new EntryId(text);
    long asOf = Params.query(request, "asOf", clock.millis());
    Object view =
        ReadModel.proposal(state(), id, asOf)
            .orElseThrow(
                () ->
                    new ApiException(
                        ApiError.PROPOSAL_NOT_FOUND,
                        "there is no proposal " + text + " in this co-op"));
    response.send(view);
  }

  private CoopState state() {
    return ledger.view().state();
  }

  private void send(ServerResponse response, String name, Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("treeSize", ledger.view().treeSize());
    out.put(name, value);
    response.send(out);
  }
}
