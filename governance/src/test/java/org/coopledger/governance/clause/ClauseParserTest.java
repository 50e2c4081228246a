package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.coopledger.governance.clause.Clause.AmountCondition;
import org.coopledger.governance.clause.Clause.And;
import org.coopledger.governance.clause.Clause.Approval;
import org.coopledger.governance.clause.Clause.Comparison;
import org.coopledger.governance.clause.Clause.If;
import org.coopledger.governance.clause.Clause.Or;
import org.coopledger.governance.clause.Clause.Timelock;
import org.coopledger.governance.clause.Clause.Veto;
import org.coopledger.governance.clause.Clause.Vote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClauseParserTest {
  private static final Group TREASURER = new Group.Role("treasurer");

  @Test
  void parsesKOfRoleIntoAnApprovalWithDefaultOptions() {
    assertThat(Clause.parse("2 of role(treasurer)")).isEqualTo(Approval.atLeast(2, TREASURER));
  }

  @Test
  void andBindsTighterThanOrAndWordsEqualSymbols() {
    Clause a = Approval.all(new Group.Beneficiaries());
    Clause b = Approval.atLeast(2, TREASURER);
    Clause c = Approval.any(new Group.Role("auditor"));
    Clause expected = Or.of(a, And.of(b, c));
    assertThat(Clause.parse("all(beneficiaries) | 2 of role(treasurer) & any(role(auditor))"))
        .isEqualTo(expected);
    assertThat(Clause.parse("all(beneficiaries) or 2 of role(treasurer) and any(role(auditor))"))
        .isEqualTo(expected);
    assertThat(Clause.parse("(all(beneficiaries) | 2 of role(treasurer)) & any(role(auditor))"))
        .isEqualTo(And.of(Or.of(a, b), c));
  }

  @Test
  void nestedAndsFlattenSoGroupingDoesNotMatter() {
    assertThat(Clause.parse("(always & never) & always"))
        .isEqualTo(Clause.parse("always & (never & always)"))
        .isEqualTo(Clause.parse("always and never and always"));
  }

  @Test
  void parsesVoteParametersInAnyOrderAndFillsDefaults() {
    Vote expected = new Vote(Ratio.percent(50), false, new Ratio(2, 3), Span.of(7, Span.Unit.DAYS));
    assertThat(Clause.parse("vote(quorum=50%, approve>=2/3, window=7d)")).isEqualTo(expected);
    assertThat(Clause.parse("vote( window = 7d ,approve >= 2/3, quorum=50% )")).isEqualTo(expected);
    assertThat(Clause.parse("vote()").text()).isEqualTo("vote(quorum=0%, approve>50%, window=7d)");
  }

  @Test
  void parsesTheElectorateAndWeightingOfAVoteAndPrintsThemOnlyWhenNotTheDefault() {
    Clause.Vote vote =
        (Clause.Vote) Clause.parse("vote(weight=share, of=role(creator), quorum=50%, approve>50%)");
    assertThat(vote.of()).isEqualTo(new Group.Role("creator"));
    assertThat(vote.weight()).isEqualTo(Clause.Weight.SHARE);
    assertThat(vote.text())
        .isEqualTo("vote(of=role(creator), weight=share, quorum=50%, approve>50%, window=7d)");
    assertThat(Clause.parse(vote.text())).isEqualTo(vote);
    assertThat(Clause.parse("vote(of=members, weight=equal)").text())
        .isEqualTo("vote(quorum=0%, approve>50%, window=7d)");
    assertThatThrownBy(() -> Clause.parse("vote(weight=tokens)"))
        .hasMessageContaining("expected a weighting (equal or share), found 'tokens'");
  }

  @Test
  void parsesTimelockVetoAndDurationsInEveryUnit() {
    assertThat(Clause.parse("timelock(48h) & veto(role(auditor), 30m)"))
        .isEqualTo(
            And.of(
                new Timelock(Span.of(48, Span.Unit.HOURS)),
                new Veto(new Group.Role("auditor"), Span.of(30, Span.Unit.MINUTES))));
    assertThat(Clause.parse("timelock(90s)"))
        .isEqualTo(new Timelock(Span.of(90, Span.Unit.SECONDS)));
    assertThat(Clause.parse("timelock(2d)").text()).isEqualTo("timelock(2d)");
  }

  @Test
  void parsesAmountConditionsAndIfThenElse() {
    Clause parsed =
        Clause.parse("if amount > 100_000 then 3 of role(treasurer) else 2 of role(treasurer)");
    assertThat(parsed)
        .isEqualTo(
            new If(
                new AmountCondition(Comparison.GT, 100_000),
                Approval.atLeast(3, TREASURER),
                Approval.atLeast(2, TREASURER)));
    assertThat(Clause.parse("amount <= 5 | never").text()).isEqualTo("amount <= 5 | never");
  }

  @Test
  void parsesMembersByNameKeyIdOrQuotedName() {
    String keyId = "0123456789abcdef0123456789abcdef";
    assertThat(Clause.parse("member(" + keyId + ")"))
        .isEqualTo(Approval.all(new Group.Member(keyId)));
    assertThat(Clause.parse("member(\"Ana \\\"Zé\\\" Lima\")"))
        .isEqualTo(Approval.all(new Group.Member("Ana \"Zé\" Lima")));
    assertThat(Clause.parse("all(member(alice))").text()).isEqualTo("member(alice)");
    assertThat(Approval.all(new Group.Member("Ana Lima")).text()).isEqualTo("member(\"Ana Lima\")");
  }

  @Test
  void parsesApprovalOptionsAndUnionsOfGroups() {
    Clause parsed = Clause.parse("2 of (role(treasurer), member(bob)) allow-interested within 30d");
    assertThat(parsed)
        .isEqualTo(
            new Approval(
                new Quantifier.AtLeast(2),
                List.of(TREASURER, new Group.Member("bob")),
                Optional.of(Span.of(30, Span.Unit.DAYS)),
                true));
    assertThat(parsed.text())
        .isEqualTo("2 of (role(treasurer), member(bob)) within 30d allow-interested");
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = ";;",
      value = {
        "2  of   role(treasurer);;2 of role(treasurer)",
        "a-or-b-free: always or never;;",
        "(((always)));;always",
        "any(role(auditor),members);;any(role(auditor), members)",
        "if amount>=1 then if amount=2 then always else never else always"
            + ";;if amount >= 1 then (if amount = 2 then always else never) else always",
        "(if amount<1 then always else never) & always"
            + ";;(if amount < 1 then always else never) & always",
        "vote(approve>1/2);;vote(quorum=0%, approve>1/2, window=7d)",
        "always & (never | always);;always & (never | always)",
      })
  void printsTheCanonicalForm(String input, String canonical) {
    if (input.startsWith("a-or-b-free: ")) {
      assertThat(Clause.parse(input.substring(13)).text()).isEqualTo("always | never");
      return;
    }
    Clause parsed = Clause.parse(input);
    assertThat(parsed.text()).isEqualTo(canonical);
    assertThat(Clause.parse(parsed.text())).isEqualTo(parsed);
  }

  @Test
  void everyDefaultClauseIsAlreadyCanonical() {
    for (String text :
        List.of(
            DefaultRulebook.SPLIT,
            DefaultRulebook.PAYOUT,
            DefaultRulebook.MAJORITY,
            DefaultRulebook.RULEBOOK)) {
      assertThat(Clause.parse(text).text()).isEqualTo(text);
    }
  }

  @ParameterizedTest
  // Messages quote words with ' (JUnit's default quote character), so quote fields with ".
  @CsvSource(
      delimiterString = ";;",
      quoteCharacter = '"',
      value = {
        "2 of role(treasurer) &;;1;;23;;expected a clause",
        "2 of role(Treasurer);;1;;11;;expected a role name",
        "2 off role(treasurer);;1;;3;;expected 'of' after the number of approvals",
        "timelock(48);;1;;12;;expected a time unit right after 48: s, m, h or d",
        "timelock(48y);;1;;12;;expected a time unit",
        "timelock(0h);;1;;10;;between 1h and 3650d",
        "timelock(h);;1;;10;;expected a duration such as 30m, 48h or 7d, found 'h'",
        "vote(quorum=150%);;1;;13;;between 0 and 1",
        "vote(quorum=50);;1;;15;;expected '%' or '/' after 50",
        "vote(quorum=5%, quorum=6%);;1;;17;;'quorum' is given twice",
        "vote(turnout=5%);;1;;6;;expected a vote parameter",
        "vote(approve=2/3);;1;;13;;expected '>' or '>=' after 'approve'",
        "vote(approve>100%);;1;;5;;approve>100% can never pass",
        "amount > 1000.00;;1;;14;;amounts are in minor units",
        "amount ~ 5;;1;;8;;expected a comparison",
        "if amount > 5 then always;;1;;26;;expected 'else'",
        "if always then always else never;;1;;4;;expected an amount condition after 'if'",
        "role(treasurer);;1;;1;;a group alone is not a clause",
        "(always | never;;1;;16;;expected ')' to close the '(' at line 1, column 1",
        "always never;;1;;8;;expected '&', '|', 'and', 'or' or the end of the clause",
        "all(role(treasurer) role(auditor));;1;;21;;expected ',' and another group, or ')'",
        "veto(role(auditor));;1;;19;;expected ',' and the veto window",
        "0 of role(treasurer);;1;;1;;between 1 and 1000",
        "2 of role(treasurer) within 1d within 2d;;1;;32;;'within' is given twice",
        "member();;1;;8;;expected a member's name or key id",
        "quorum;;1;;1;;expected a clause",
        ";;1;;1;;found the end of the clause",
      })
  void pointsAtTheOffendingPositionAndSaysWhatWasExpected(
      String text, int line, int column, String problem) {
    String input = text == null ? "" : text;
    assertThatThrownBy(() -> Clause.parse(input))
        .isInstanceOfSatisfying(
            BadClauseException.class,
            e -> {
              assertThat(e.code()).isEqualTo("BAD_CLAUSE");
              assertThat(e.problem()).contains(problem);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  @Test
  void errorMessageShowsTheLineWithACaretUnderTheProblem() {
    assertThatThrownBy(() -> Clause.parse("all(beneficiaries)\n  & timelock(2x)"))
        .isInstanceOf(BadClauseException.class)
        .hasMessage(
            "bad clause at line 2, column 15: expected a time unit right after 2: s, m, h or d\n"
                + "    & timelock(2x)\n"
                + "                ^");
  }

  /**
   * Found by reasoning about the fuzz target ({@code ClauseParserFuzzTest}): the parser recursed
   * once per '(' and the printer and evaluator once per nested operator, so a rulebook text of
   * 100,000 characters (the limit) could overflow the stack of whoever parsed it, the node's apply
   * thread included. Nesting is bounded instead, with a coded refusal.
   */
  @ParameterizedTest
  @CsvSource({"(,1 of role(x),)", "1 of role(x) & (,1 of role(x),)", "(1 of role(x) | ,x,)"})
  void deepNestingIsRefusedWithACodeRatherThanOverflowingTheStack(
      String open, String inner, String close) {
    String text = open.repeat(30_000) + inner + close.repeat(30_000);

    assertThatThrownBy(() -> Clause.parse(text))
        .isInstanceOf(BadClauseException.class)
        .hasMessageContaining("nested more than " + ClauseParser.MAX_DEPTH + " deep");
  }

  @Test
  void deepIfChainsAreRefusedWithACode() {
    String text = "if amount > 1 then always else ".repeat(30_000) + "never";

    assertThatThrownBy(() -> Clause.parse(text))
        .isInstanceOf(BadClauseException.class)
        .hasMessageContaining("nested more than " + ClauseParser.MAX_DEPTH + " deep");
  }

  @Test
  void nestingUpToTheLimitStillParses() {
    int depth = ClauseParser.MAX_DEPTH - 1;
    String text = "(".repeat(depth) + "1 of role(x)" + ")".repeat(depth);

    assertThat(Clause.parse(text)).isEqualTo(Approval.atLeast(1, new Group.Role("x")));
  }
}
