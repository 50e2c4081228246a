package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulebookTest {
  private static final String DEFAULT_TEXT =
      """
      split: all(beneficiaries) & vote(quorum=50%, approve>50%, window=7d)
      payout: if amount > 100000 then 2 of role(treasurer) & any(role(auditor)) else 2 of role(treasurer)
      revenue: 1 of role(treasurer)
      admit: vote(quorum=50%, approve>50%, window=7d)
      remove: vote(quorum=50%, approve>50%, window=7d)
      change-roles: vote(quorum=50%, approve>50%, window=7d)
      rulebook: vote(quorum=50%, approve>=2/3, window=7d) & timelock(48h)
      decision: vote(quorum=50%, approve>50%, window=7d)
      recover-key: vote(quorum=50%, approve>50%, window=7d) & timelock(72h) & veto(beneficiaries, 72h)
      """;

  @Test
  void defaultRulebookHasThisCanonicalText() {
    assertThat(DefaultRulebook.rulebook().text()).isEqualTo(DEFAULT_TEXT);
    assertThat(Rulebook.parse(DEFAULT_TEXT)).isEqualTo(DefaultRulebook.rulebook());
  }

  @Test
  void parsingAcceptsCommentsBlankLinesAnyOrderAndLooseSpacing() {
    String text =
        """
        # our co-op's rules
        decision:vote(quorum=50%,approve>1/2)

          payout :  2 of role(treasurer)
        split: all(beneficiaries)
        admit: vote()
        remove: vote()
        change-roles: vote()
        rulebook: vote(approve>=2/3) and timelock(2d)
        revenue: 1 of role(treasurer)
        recover-key: vote() & timelock(72h)
        """;
    Rulebook rulebook = Rulebook.parse(text);
    assertThat(rulebook.clause(ActionKind.PAYOUT)).isEqualTo(Clause.parse("2 of role(treasurer)"));
    assertThat(rulebook.text())
        .startsWith("split: all(beneficiaries)\npayout: 2 of role(treasurer)\n")
        .contains("decision: vote(quorum=50%, approve>1/2, window=7d)\n");
    assertThat(Rulebook.parse(rulebook.text())).isEqualTo(rulebook);
  }

  @Test
  void aClauseErrorPointsAtItsLineAndColumnInTheRulebook() {
    String text = DEFAULT_TEXT.replace("change-roles: vote(", "change-roles: vote(quorum=5, ");
    assertThatThrownBy(() -> Rulebook.parse(text))
        .isInstanceOfSatisfying(
            BadClauseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.column()).isEqualTo(28);
              assertThat(e.getMessage())
                  .contains("change-roles: vote(quorum=5, quorum=50%")
                  .contains("expected '%' or '/' after 5");
            });
  }

  @Test
  void everyKindMustAppearExactlyOnce() {
    assertThatThrownBy(() -> Rulebook.parse("split: always\npayout: never\n"))
        .isInstanceOf(BadClauseException.class)
        .hasMessageContaining(
            "missing: revenue, admit, remove, change-roles, rulebook, decision, recover-key");
    assertThatThrownBy(() -> Rulebook.parse(DEFAULT_TEXT + "admit: always\n"))
        .isInstanceOfSatisfying(
            BadClauseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(10);
              assertThat(e.problem())
                  .isEqualTo("'admit' already has a clause earlier in the rulebook");
            });
  }

  @Test
  void unknownKindsAndMissingColonsAreReported() {
    assertThatThrownBy(() -> Rulebook.parse("  spilt: always"))
        .isInstanceOfSatisfying(
            BadClauseException.class,
            e -> {
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.problem()).startsWith("expected an action kind (split, payout,");
            });
    assertThatThrownBy(() -> Rulebook.parse("split always"))
        .isInstanceOf(BadClauseException.class)
        .hasMessageContaining("expected 'kind: clause'");
  }

  @Test
  void aRulebookValueNeedsEveryKind() {
    assertThatThrownBy(() -> new Rulebook(Map.of(ActionKind.SPLIT, new Clause.Constant(true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no clause for payout");
  }

  @Test
  void proposerLimitsParseAndPrintAfterTheClauses() {
    Rulebook limited =
        Rulebook.parse(
            "propose payout: role(treasurer), member(alice)\n" + DefaultRulebook.rulebook().text());
    assertThat(limited.proposers(ActionKind.PAYOUT))
        .contains(List.of(new Group.Role("treasurer"), new Group.Member("alice")));
    assertThat(limited.proposers(ActionKind.SPLIT)).isEmpty();
    assertThat(limited.text())
        .isEqualTo(
            DefaultRulebook.rulebook().text() + "propose payout: role(treasurer), member(alice)\n");
    assertThat(Rulebook.parse(limited.text())).isEqualTo(limited);
    assertThatThrownBy(
            () ->
                Rulebook.parse(
                    DefaultRulebook.rulebook().text()
                        + "propose split: role(creator)\npropose split: members\n"))
        .hasMessageContaining("'propose split' is given twice");
  }

  @Test
  void withReplacesOneClause() {
    Rulebook changed =
        DefaultRulebook.rulebook().with(ActionKind.PAYOUT, Clause.parse("1 of role(treasurer)"));
    assertThat(changed.text()).contains("payout: 1 of role(treasurer)\n");
    assertThat(changed.clause(ActionKind.SPLIT))
        .isEqualTo(DefaultRulebook.rulebook().clause(ActionKind.SPLIT));
  }
}
