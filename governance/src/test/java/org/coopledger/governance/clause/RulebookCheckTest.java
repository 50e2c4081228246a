package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.clause.RulebookCheck.Holder;
import org.coopledger.governance.clause.RulebookCheck.Warning;
import org.junit.jupiter.api.Test;

class RulebookCheckTest {
  private static final List<Holder> DEMO =
      List.of(
          new Holder("alice", List.of("creator"), 4000),
          new Holder("bob", List.of("creator", "treasurer"), 3500),
          new Holder("carol", List.of("creator"), 2500),
          new Holder("tess", List.of("treasurer"), 0),
          new Holder("audrey", List.of("auditor"), 0));

  private static List<String> codes(List<Warning> warnings) {
    return warnings.stream().map(w -> w.code() + " " + w.kind().text()).toList();
  }

  @Test
  void theDefaultRulebookPassesCleanForTheDemoCoopAndAStandInOne() {
    Rulebook rulebook = DefaultRulebook.rulebook();
    assertThat(RulebookCheck.check(rulebook, DEMO)).isEmpty();
    assertThat(RulebookCheck.check(rulebook, RulebookCheck.hypotheticalMembers(rulebook)))
        .isEmpty();
  }

  @Test
  void warnsWhereOneMemberOrOneRoleHolderPassesAlone() {
    Rulebook rulebook =
        DefaultRulebook.rulebook()
            .with(ActionKind.PAYOUT, Clause.parse("1 of role(treasurer)"))
            .with(ActionKind.DECISION, Clause.parse("vote(quorum=0%, approve>50%, window=7d)"));
    List<Warning> warnings = RulebookCheck.check(rulebook, DEMO);
    assertThat(codes(warnings)).containsExactly("ALONE payout", "ALONE decision");
    assertThat(warnings.get(0).message()).contains("bob, tess");
  }

  @Test
  void warnsWhereTheRulebookCanBeChangedByLessThanItProtects() {
    Rulebook rulebook =
        DefaultRulebook.rulebook().with(ActionKind.RULEBOOK, Clause.parse("2 of role(creator)"));
    assertThat(codes(RulebookCheck.check(rulebook, DEMO)))
        .contains("WEAK_RULEBOOK split", "WEAK_RULEBOOK admit", "WEAK_RULEBOOK decision")
        .doesNotContain("WEAK_RULEBOOK payout");
  }

  @Test
  void warnsWhereNobodyCanEverAct() {
    Rulebook rulebook =
        DefaultRulebook.rulebook()
            .with(ActionKind.PAYOUT, Clause.parse("2 of role(accountant)"))
            .with(ActionKind.DECISION, Clause.parse("vote(of=role(board))"));
    List<Warning> warnings = RulebookCheck.check(rulebook, DEMO);
    assertThat(codes(warnings))
        .containsExactly("NOBODY payout", "NOBODY payout", "NOBODY decision", "NOBODY decision");
    assertThat(warnings.get(0).message()).contains("role(accountant), which nobody holds");
  }
}
