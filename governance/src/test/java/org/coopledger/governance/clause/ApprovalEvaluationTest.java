package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalEvaluationTest {
  private static MapContext coop() {
    return new MapContext()
        .member("carol", "creator")
        .member("tom", "treasurer")
        .member("tess", "treasurer")
        .member("tara", "treasurer")
        .member("aud", "auditor");
  }

  @Test
  void twoOfRoleHoldsOnceTwoHoldersApproved() {
    Clause clause = Clause.parse("2 of role(treasurer)");
    MapContext context = coop().approve("tom");
    ClauseResult pending = clause.evaluate(context);
    assertThat(pending.holds()).isFalse();
    assertThat(pending.neverHolds()).isFalse();
    assertThat(pending.missing()).containsExactly("needs 1 more approval from role(treasurer)");
    assertThat(clause.evaluate(context.approve("tess")).holds()).isTrue();
  }

  @Test
  void approvalsFromNonHoldersDoNotCount() {
    Clause clause = Clause.parse("2 of role(treasurer)");
    assertThat(clause.evaluate(coop().approve("tom", "aud", "carol")).holds()).isFalse();
  }

  @Test
  void theBeneficiaryDoesNotCountTowardItsOwnPayout() {
    Clause clause = Clause.parse("2 of role(treasurer)");
    MapContext context = coop().author("carol").beneficiary("tom").approve("tom", "tess");
    ClauseResult result = clause.evaluate(context);
    assertThat(result.holds()).isFalse();
    assertThat(result.missing())
        .containsExactly(
            "needs 1 more approval from role(treasurer) (excluding the author and beneficiaries)");
    assertThat(clause.evaluate(context.approve("tara")).holds()).isTrue();
  }

  @Test
  void theAuthorDoesNotCountTowardItsOwnProposal() {
    Clause clause = Clause.parse("2 of role(treasurer)");
    assertThat(clause.evaluate(coop().author("tom").approve("tom", "tess")).holds()).isFalse();
  }

  @Test
  void allowInterestedLetsTheAuthorAndBeneficiariesCount() {
    Clause clause = Clause.parse("2 of role(treasurer) allow-interested");
    MapContext context = coop().author("tom").beneficiary("tess").approve("tom", "tess");
    assertThat(clause.evaluate(context).holds()).isTrue();
  }

  @Test
  void allBeneficiariesNeedsEachBeneficiaryIncludingTheAuthor() {
    Clause clause = Clause.parse("all(beneficiaries)");
    MapContext context = coop().author("carol").beneficiary("carol").beneficiary("tom");
    context.approve("tom");
    ClauseResult result = clause.evaluate(context);
    assertThat(result.missing()).containsExactly("needs approval from carol (beneficiaries)");
    assertThat(clause.evaluate(context.approve("carol")).holds()).isTrue();
  }

  @Test
  void allOfAnEmptyGroupNeverHoldsVacuously() {
    ClauseResult result = Clause.parse("all(role(nobody))").evaluate(coop());
    assertThat(result.holds()).isFalse();
    assertThat(result.neverHolds()).isFalse();
    assertThat(result.missing()).containsExactly("no member can approve: role(nobody)");
  }

  @Test
  void memberResolvesByNameOrKeyIdAndUnknownNamesNeverCount() {
    MapContext context = coop().approve("aud");
    assertThat(Clause.parse("member(aud)").evaluate(context).holds()).isTrue();
    assertThat(Clause.parse("member(" + MapContext.id("aud").hex() + ")").evaluate(context).holds())
        .isTrue();
    ClauseResult unknown = Clause.parse("any(member(zed))").evaluate(context);
    assertThat(unknown.holds()).isFalse();
    assertThat(unknown.missing())
        .containsExactly(
            "needs 1 more approval from member(zed) (member(zed) names no current member);"
                + " only 0 members are eligible");
  }

  @Test
  void approvalsExpireAfterTheirWithinSpan() {
    Clause clause = Clause.parse("2 of role(treasurer) within 30d");
    MapContext context = coop().approve("tom", Duration.ZERO).approve("tess", Duration.ofDays(10));
    assertThat(clause.evaluate(context.at(Duration.ofDays(29))).holds()).isTrue();
    ClauseResult expired = clause.evaluate(context.at(Duration.ofDays(30)));
    assertThat(expired.holds()).isFalse();
    assertThat(expired.missing())
        .containsExactly(
            "needs 1 more approval from role(treasurer) (1 approval has expired;"
                + " approvals count for 30d)");
  }

  @Test
  void amountConditionPicksTheBranch() {
    Clause clause =
        Clause.parse("if amount > 100000 then 3 of role(treasurer) else 2 of role(treasurer)");
    MapContext context = coop().approve("tom", "tess");
    assertThat(clause.evaluate(context.amount(100_000)).holds()).isTrue();
    assertThat(clause.evaluate(context.amount(100_001)).holds()).isFalse();
    assertThat(clause.evaluate(context.approve("tara")).holds()).isTrue();
  }

  @Test
  void aFalseAmountConditionCanNeverHold() {
    ClauseResult result = Clause.parse("amount <= 500").evaluate(coop().amount(501));
    assertThat(result.neverHolds()).isTrue();
    assertThat(result.missing()).containsExactly("amount 501 is not <= 500");
  }
}
