package org.coopledger.node.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import org.coopledger.api.error.ApiError;
import org.coopledger.api.v1.BalancesResponse;
import org.coopledger.api.v1.MembersResponse;
import org.coopledger.api.v1.MoneyResponse;
import org.coopledger.api.v1.ProposalsResponse;
import org.coopledger.api.v1.RulebookResponse;
import org.coopledger.api.v1.SplitsResponse;
import org.coopledger.api.v1.StateResponse;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.ReadModel;
import org.coopledger.governance.view.ProposalView;
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
        .get("/members", (req, res) -> res.send(members(ledger.view())))
        .get("/splits", (req, res) -> res.send(splits(ledger.view())))
        .get("/money", (req, res) -> res.send(money(ledger.view())))
        .get("/balances", (req, res) -> res.send(balances(ledger.view())))
        .get("/rulebook", (req, res) -> res.send(rulebook(ledger.view())))
        .get("/proposals", this::proposals)
        .get("/proposals/{id}", this::proposal);
  }

  private void state(ServerRequest request, ServerResponse response) {
    LedgerView view = ledger.view();
    CoopState state = view.state();
    response.send(
        new StateResponse(
            view.treeSize(),
            state.isFounded(),
            state.digestHex(),
            state.isFounded() ? ReadModel.coop(state) : null));
  }

  // Each answer reads one view, so its tree size is the one its read model reflects.

  private static MembersResponse members(LedgerView view) {
    return new MembersResponse(view.treeSize(), ReadModel.members(view.state()));
  }

  private static SplitsResponse splits(LedgerView view) {
    return new SplitsResponse(view.treeSize(), ReadModel.splits(view.state()));
  }

  private static MoneyResponse money(LedgerView view) {
    return new MoneyResponse(view.treeSize(), ReadModel.money(view.state()));
  }

  private static BalancesResponse balances(LedgerView view) {
    return new BalancesResponse(view.treeSize(), ReadModel.balances(view.state()));
  }

  private static RulebookResponse rulebook(LedgerView view) {
    return new RulebookResponse(view.treeSize(), view.state().rulebook());
  }

  private void proposals(ServerRequest request, ServerResponse response) {
    long asOf = Params.query(request, "asOf", clock.millis());
    LedgerView view = ledger.view();
    response.send(new ProposalsResponse(view.treeSize(), ReadModel.proposals(view.state(), asOf)));
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
    ProposalView view =
        ReadModel.proposal(ledger.view().state(), id, asOf)
            .orElseThrow(
                () ->
                    new ApiException(
                        ApiError.PROPOSAL_NOT_FOUND,
                        "there is no proposal " + text + " in this co-op"));
    response.send(view);
  }
}
