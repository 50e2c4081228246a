package org.coopledger.governance.clause;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.coopledger.governance.error.CoopException;

/**
 * Fuzzes the clause and rulebook parsers with arbitrary text, as it arrives in a genesis or a
 * rulebook change. Each text either parses or is refused with a {@link BadClauseException} (or
 * another coded {@link CoopException}); nothing else may escape, not even a stack overflow on deep
 * nesting. What parses prints canonically: parsing the printed form gives the same clause, and
 * printing it again gives the same text.
 */
class ClauseParserFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parsesToACanonicalFormOrRefusesWithACode(byte[] input) {
    String text = new String(input, UTF_8);
    try {
      Clause clause = ClauseParser.parse(text);
      String printed = ClausePrinter.print(clause);
      Clause again = ClauseParser.parse(printed);
      assertThat(again).isEqualTo(clause);
      assertThat(ClausePrinter.print(again)).isEqualTo(printed);
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
    }
    try {
      Rulebook rulebook = Rulebook.parse(text);
      Rulebook again = Rulebook.parse(rulebook.text());
      assertThat(again).isEqualTo(rulebook);
      assertThat(again.text()).isEqualTo(rulebook.text());
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
    }
  }
}
