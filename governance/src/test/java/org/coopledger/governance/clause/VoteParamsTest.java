package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parameters of {@code vote(...)}: each at most once, and errors that point at the problem. */
class VoteParamsTest {

  private static BadClauseException refused(String clause) {
    return catchThrowableOfType(BadClauseException.class, () -> Clause.parse(clause));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "vote(of=members, of=role(creator))",
        "vote(weight=equal, weight=share)",
        "vote(quorum=10%, quorum=20%)",
        "vote(approve>50%, approve>=2/3)",
        "vote(window=7d, window=3d)"
      })
  void aParameterGivenTwiceIsRefusedWhereItIsRepeated(String clause) {
    BadClauseException e = refused(clause);
    assertThat(e.problem()).endsWith("is given twice");
    assertThat(e.offset()).isEqualTo(clause.indexOf(", ") + 2);
  }

  @Test
  void aBadWeightingIsReportedAtTheWeighting() {
    String clause = "vote(weight=  heavy)";
    BadClauseException e = refused(clause);
    assertThat(e.offset()).isEqualTo(clause.indexOf("heavy"));
    assertThat(e.problem()).isEqualTo("expected a weighting (equal or share), found 'heavy'");
  }

  @Test
  void aMissingParameterNameSaysWhatStandsThere() {
    BadClauseException e = refused("vote(=3)");
    assertThat(e.problem()).endsWith("found '='");
  }

  @Test
  void anImpossibleVoteIsReportedAtItsParenthesis() {
    String clause = "vote  (approve>100%)";
    BadClauseException e = refused(clause);
    assertThat(e.problem()).contains("can never pass");
    assertThat(e.offset()).isEqualTo(clause.indexOf('('));
  }
}
