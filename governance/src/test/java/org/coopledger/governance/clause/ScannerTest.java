package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * The scanner on its own: where each error points, and that reading stops at the end of the
 * clause's part of the text (a rulebook hands the scanner one clause of a longer text, so {@code
 * end} is often before the text's own end). The parser's tests reach most of this only through
 * whole clauses, where an error pointing a few characters off or a read past the clause still gave
 * the same verdict.
 */
class ScannerTest {

  private static int offsetOf(Runnable read) {
    return catchThrowableOfType(BadClauseException.class, read::run).offset();
  }

  @Test
  void spacesAtTheEndAreTheEnd() {
    assertThat(new Scanner("   ", 0, 3).atEnd()).isTrue();
    assertThat(new Scanner("  x", 0, 3).atEnd()).isFalse();
  }

  @Test
  void aSymbolReachingPastTheClauseIsNotAccepted() {
    // "50%" of a text whose clause ends before the '%'.
    Scanner scanner = new Scanner("50%", 0, 2);
    assertThatThrownBy(scanner::ratio).isInstanceOf(BadClauseException.class);
    assertThat(new Scanner("50%", 0, 3).ratio()).isEqualTo(Ratio.percent(50));
  }

  @Test
  void anErrorPointsPastTheSpacesBeforeTheProblem() {
    assertThat(new Scanner("   x", 0, 4).error("problem").offset()).isEqualTo(3);
  }

  @Test
  void foundNamesWhatStandsThere() {
    assertThat(new Scanner("   ", 0, 3).found()).isEqualTo("the end of the clause");
    assertThat(new Scanner("  abc def", 0, 9).found()).isEqualTo("'abc'");
    assertThat(new Scanner("123", 0, 3).found()).isEqualTo("'123'");
    assertThat(new Scanner("12345", 0, 3).found()).isEqualTo("'123'");
    assertThat(new Scanner("%", 0, 1).found()).isEqualTo("'%'");
    assertThat(new Scanner("% of", 0, 4).found()).isEqualTo("'%'");
  }

  @Test
  void aNumberTooLargeIsReportedWhereItStarts() {
    assertThat(offsetOf(() -> new Scanner("  99999", 0, 7).integer("a count", 10))).isEqualTo(2);
  }

  @Test
  void aNumberEndingInAnUnderscoreIsReportedAtTheUnderscore() {
    BadClauseException e =
        catchThrowableOfType(
            BadClauseException.class, () -> new Scanner("12_ ", 0, 4).integer("a count", 100));
    assertThat(e.offset()).isEqualTo(2);
    assertThat(e.problem()).contains("does not end with '_'");
  }

  @Test
  void aNumberAtTheEndOfTheClauseIsWholeEvenIfTheTextGoesOn() {
    assertThat(new Scanner("1.5", 0, 2).integer("a count", 100)).isEqualTo(1);
    assertThat(new Scanner("12", 0, 2).integer("a count", 100)).isEqualTo(12);
    assertThatThrownBy(() -> new Scanner("1.5", 0, 3).integer("a count", 100))
        .isInstanceOf(BadClauseException.class)
        .hasMessageContaining("numbers are whole");
  }

  @Test
  void aDigitAfterSpacesIsADigit() {
    assertThat(new Scanner("  5", 0, 3).peekDigit()).isTrue();
    assertThat(new Scanner("  x", 0, 3).peekDigit()).isFalse();
  }

  @Test
  void anImpossibleRatioIsReportedWhereItStarts() {
    assertThat(offsetOf(() -> new Scanner("  3/2", 0, 5).ratio())).isEqualTo(2);
  }

  @Test
  void anImpossibleDurationIsReportedWhereItStarts() {
    assertThat(offsetOf(() -> new Scanner("  0d", 0, 4).span())).isEqualTo(2);
  }

  @Test
  void aDurationsUnitMustBeInsideTheClause() {
    assertThatThrownBy(() -> new Scanner("5s", 0, 1).span())
        .isInstanceOf(BadClauseException.class)
        .hasMessageContaining("time unit");
    assertThat(new Scanner("5s", 0, 2).span()).isEqualTo(new Span(5, Span.Unit.ofSymbol('s')));
  }

  @Test
  void aMemberReferenceStopsAtTheEndOfTheClause() {
    assertThat(new Scanner("abc", 0, 2).memberRef()).isEqualTo("ab");
    assertThat(new Scanner("  carol@coop.example rest", 0, 25).memberRef())
        .isEqualTo("carol@coop.example");
  }

  @Test
  void anUnclosedQuotedNameIsReportedAtTheEndOfTheClause() {
    assertThat(offsetOf(() -> new Scanner("\"abc", 0, 3).memberRef())).isEqualTo(3);
    assertThat(new Scanner("\"a b\\\"c\"", 0, 8).memberRef()).isEqualTo("a b\"c");
  }
}
