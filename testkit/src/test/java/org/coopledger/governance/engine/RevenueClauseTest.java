package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The revenue clause judges a record-revenue entry at once (docs/clauses.md): its signers are its
 * approvers, the author's own signature included; it sees the revenue's amount; and a vote or
 * timelock in it never holds, since revenue has nothing to wait for.
 */
class RevenueClauseTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private void found(String revenueClause) {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().with(ActionKind.REVENUE, Clause.parse(revenueClause)).text(),
            List.of(new Share(coop.id("alice"), 10_000))));
  }

  private long aliceBalance() {
    return story.state.balances().of(coop.id("alice"), "EUR");
  }

  @Test
  void largeRevenueNeedsASecondTreasurersSignatureAndTheAuthorsOwnCounts() {
    found("if amount > 100000 then 2 of role(treasurer) else 1 of role(treasurer)");

    story.accept(coop.revenue("tess", 100_000, "EUR", "workshop"));
    EntryOutcome.Rejected alone =
        story.reject(coop.revenue("tess", 100_001, "EUR", "workshop"), RejectionCode.NOT_ALLOWED);
    assertThat(alone.message()).contains("tess (").contains("2 of role(treasurer)");
    // tess signs and bob co-signs: two treasurers, tess (the author) among them.
    story.accept(
        EntrySigner.cosign(coop.revenue("tess", 100_001, "EUR", "workshop"), coop.key("bob")));

    assertThat(aliceBalance()).isEqualTo(200_001);
  }

  @Test
  void aSignatureOfSomeoneOutsideTheGroupDoesNotCount() {
    found("2 of role(treasurer)");

    story.reject(
        EntrySigner.cosign(coop.revenue("tess", 500, "EUR", "workshop"), coop.key("alice")),
        RejectionCode.NOT_ALLOWED);
    story.accept(EntrySigner.cosign(coop.revenue("tess", 500, "EUR", "workshop"), coop.key("bob")));
    assertThat(aliceBalance()).isEqualTo(500);
  }

  @Test
  void aVoteOrATimelockInTheRevenueClauseNeverHolds() {
    found("1 of role(treasurer) & timelock(1h)");
    story.reject(coop.revenue("tess", 500, "EUR", "workshop"), RejectionCode.NOT_ALLOWED);

    CoopFixture other = CoopFixture.demo();
    Story voted = new Story(other);
    voted.accept(
        other.genesis(
            DefaultRulebook.rulebook()
                .with(ActionKind.REVENUE, Clause.parse("vote(quorum=0%, approve>50%, window=1h)"))
                .text(),
            List.of(new Share(other.id("alice"), 10_000))));
    voted.reject(other.revenue("tess", 500, "EUR", "workshop"), RejectionCode.NOT_ALLOWED);
    assertThat(voted.state.balances().of(other.id("alice"), "EUR")).isZero();
  }
}
