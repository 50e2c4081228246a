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
  void warnsWhereAKindWhoseProposalsHaveNoBeneficiariesWaitsForTheirApproval() {
    // A price or a drop moves nobody's money: nobody is there to give all(beneficiaries).
    Rulebook rulebook =
        DefaultRulebook.rulebook()
            .with(ActionKind.TIER, Clause.parse(DefaultRulebook.SPLIT))
            .with(ActionKind.DROP, Clause.parse("2 of role(treasurer)"));
    List<Warning> warnings = RulebookCheck.check(rulebook, DEMO);
    assertThat(codes(warnings)).containsExactly("NOBODY tier");
    assertThat(warnings.getFirst().message()).contains("nobody can ever pass it");
    // The split clause itself stays passable: split changes have beneficiaries.
    assertThat(
            RulebookCheck.check(
                DefaultRulebook.rulebook()
                    .with(ActionKind.TIER, Clause.parse(DefaultRulebook.MAJORITY)),
                DEMO))
        .isEmpty();
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

  @Test
  void saysHowManyCanChangeTheRulebookInOneOrSeveral() {
    Rulebook two =
        DefaultRulebook.rulebook().with(ActionKind.RULEBOOK, Clause.parse("2 of role(creator)"));
    assertThat(RulebookCheck.check(two, DEMO))
        .filteredOn(w -> w.code().equals("WEAK_RULEBOOK"))
        .first()
        .extracting(Warning::message)
        .asString()
        .startsWith("rulebook: 2 members can change the rulebook");
    Rulebook one =
        DefaultRulebook.rulebook().with(ActionKind.RULEBOOK, Clause.parse("member(tess)"));
    assertThat(RulebookCheck.check(one, DEMO))
        .filteredOn(w -> w.code().equals("WEAK_RULEBOOK"))
        .first()
        .extracting(Warning::message)
        .asString()
        .startsWith("rulebook: 1 member can change the rulebook");
  }

  @Test
  void findsRolesNobodyHoldsWhereverTheClauseNamesThem() {
    for (String clause :
        List.of(
            "2 of role(creator) & 1 of role(board)",
            "1 of role(board) | never",
            "if amount > 100 then 1 of role(board) else 2 of role(creator)",
            "if amount > 100 then 2 of role(creator) else 1 of role(board)",
            "vote(of=role(board))",
            "2 of role(creator) & veto(role(board), 3d)")) {
      Rulebook rulebook = DefaultRulebook.rulebook().with(ActionKind.PAYOUT, Clause.parse(clause));
      assertThat(RulebookCheck.check(rulebook, DEMO))
          .as(clause)
          .extracting(Warning::message)
          .contains("payout: the clause counts on role(board), which nobody holds");
      assertThat(RulebookCheck.hypotheticalMembers(rulebook))
          .as(clause)
          .extracting(Holder::name)
          .contains("board 1", "board 2");
    }
  }

  @Test
  void aMemberNamedInTheClausePassesAlone() {
    Rulebook rulebook =
        DefaultRulebook.rulebook().with(ActionKind.PAYOUT, Clause.parse("member(Tess)"));
    List<Warning> warnings = RulebookCheck.check(rulebook, DEMO);
    assertThat(codes(warnings)).contains("ALONE payout");
    assertThat(warnings)
        .filteredOn(w -> w.code().equals("ALONE"))
        .first()
        .extracting(Warning::message)
        .asString()
        .contains("(tess;");
  }

  @Test
  void aTimelockDelaysButDoesNotBlock() {
    Rulebook rulebook =
        DefaultRulebook.rulebook()
            .with(ActionKind.PAYOUT, Clause.parse("2 of role(treasurer) & timelock(48h)"));
    assertThat(codes(RulebookCheck.check(rulebook, DEMO))).doesNotContain("NOBODY payout");
  }

  /** Creators only: a co-op of {@code n} members who all hold the creator role. */
  private static List<Holder> creators(int n) {
    return java.util.stream.IntStream.rangeClosed(1, n)
        .mapToObj(i -> new Holder("creator " + i, List.of("creator"), 0))
        .toList();
  }

  @Test
  void coopsUpToTheExactLimitAreCheckedOverEveryCoalition() {
    Rulebook rulebook =
        DefaultRulebook.rulebook()
            .with(ActionKind.RULEBOOK, Clause.parse("2 of role(creator)"))
            .with(ActionKind.PAYOUT, Clause.parse("3 of role(creator)"));
    assertThat(RulebookCheck.check(rulebook, creators(RulebookCheck.EXACT_LIMIT)))
        .filteredOn(w -> w.code().equals("WEAK_RULEBOOK") && w.kind() == ActionKind.PAYOUT)
        .extracting(Warning::message)
        .containsExactly(
            "rulebook: 2 members can change the rulebook, fewer than the 3 that payout needs:"
                + " they could lower that bar first");
  }

  @Test
  void largerCoopsAreCheckedAloneAndAllTogether() {
    int n = RulebookCheck.EXACT_LIMIT + 1;
    Rulebook rulebook =
        DefaultRulebook.rulebook()
            .with(ActionKind.RULEBOOK, Clause.parse("1 of role(creator)"))
            .with(ActionKind.PAYOUT, Clause.parse("3 of role(creator)"))
            .with(ActionKind.DECISION, Clause.parse("never"))
            .with(ActionKind.SPLIT, Clause.parse("2 of role(creator) & 1 of role(board)"));
    List<Warning> warnings = RulebookCheck.check(rulebook, creators(n));
    assertThat(codes(warnings)).contains("ALONE rulebook", "NOBODY split");
    assertThat(warnings)
        .filteredOn(w -> w.code().equals("WEAK_RULEBOOK") && w.kind() == ActionKind.PAYOUT)
        .extracting(Warning::message)
        .containsExactly(
            "rulebook: 1 member can change the rulebook, fewer than the "
                + n
                + " that payout needs: they could lower that bar first");
    assertThat(warnings)
        .filteredOn(w -> w.kind() == ActionKind.SPLIT)
        .extracting(Warning::message)
        .contains(
            "split: nobody can ever pass it, not even every member together"
                + " (2 of role(creator) & 1 of role(board))");
  }
}
