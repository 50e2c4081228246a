package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.coopledger.governance.view.ProposalView;
import org.junit.jupiter.api.Test;

class ReadModelTest {
  private final Replay demo = Replay.of(DemoLedger.records());

  @Test
  void theDemoLedgerIsAcceptedEntirely() {
    assertThat(demo.rejections()).isEmpty();
    assertThat(Replay.of(DemoLedger.records()).state().digestHex())
        .isEqualTo(demo.state().digestHex());
  }

  @Test
  void proposalsShowTalliesAndWhatTheirClauseStillNeeds() {
    long asOf = DemoLedger.records().getLast().acceptedAtMillis();
    var proposals = ReadModel.proposals(demo.state(), asOf);
    assertThat(proposals).hasSize(3);
    ProposalView decision =
        proposals.stream().filter(p -> p.kind().equals("decision")).findFirst().orElseThrow();
    assertThat(decision.status()).isEqualTo("open");
    assertThat(decision.tally().yes()).isEqualTo(1);
    assertThat(decision.tally().eligible()).isEqualTo(5);
    assertThat(decision.executable()).isFalse();
    assertThat(decision.missing()).isNotEmpty();
    assertThat(decision.votingClosesAtMillis())
        .isEqualTo(decision.openedAtMillis() + 7 * 86_400_000L);

    ProposalView payout =
        proposals.stream().filter(p -> p.kind().equals("payout")).findFirst().orElseThrow();
    assertThat(payout.status()).isEqualTo("executed");
    assertThat(payout.details()).containsEntry("amountMinor", "50000");
    assertThat(payout.approvals()).hasSize(2);
  }

  @Test
  void balancesAndSplitsAreListedByMember() {
    var balances = ReadModel.balances(demo.state());
    long total = balances.stream().mapToLong(b -> b.amountMinor()).sum();
    assertThat(total).isEqualTo(250_000 + 12_345 - 50_000);
    var split = ReadModel.splits(demo.state()).getFirst();
    assertThat(split.shares()).extracting(s -> s.percent()).contains("40.00", "30.00");
    assertThat(ReadModel.coop(demo.state()).stateDigest()).isEqualTo(demo.state().digestHex());
    assertThat(ReadModel.members(demo.state())).hasSize(5);
  }
}
