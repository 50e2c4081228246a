package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/clauses.md honest: every example in it parses and is shown in canonical form. */
class DocumentationExamplesTest {
  private static final Path PAGE = Path.of("..", "docs", "clauses.md");
  private static final Pattern TABLE_CLAUSE = Pattern.compile("^\\| `([^`]+)` \\|");

  @Test
  void everyExampleBlockParsesAndIsCanonical() throws IOException {
    List<String> examples = new ArrayList<>();
    for (List<String> block : blocks()) {
      String first = block.get(0);
      if (first.startsWith("clause ") || first.startsWith("bad clause")) {
        continue;
      }
      if (first.startsWith("split:")) {
        assertThat(Rulebook.parse(String.join("\n", block) + "\n"))
            .isEqualTo(DefaultRulebook.rulebook());
        continue;
      }
      if (first.startsWith("nodes:")) {
        assertThat(DefaultRulebook.rulebook().text() + String.join("\n", block) + "\n")
            .isEqualTo(DefaultRulebook.forNetwork(3).text());
        continue;
      }
      if (first.startsWith("propose ")) {
        String lines = String.join("\n", block) + "\n";
        assertThat(Rulebook.parse(DefaultRulebook.rulebook().text() + lines).text())
            .isEqualTo(DefaultRulebook.rulebook().text() + lines);
        continue;
      }
      examples.addAll(block);
    }
    assertThat(examples).hasSizeGreaterThan(8);
    for (String example : examples) {
      assertThat(Clause.parse(example).text()).as(example).isEqualTo(example.replace("_", ""));
    }
  }

  @Test
  void everyClauseInTheApprovalTableParses() throws IOException {
    int count = 0;
    for (String line : Files.readAllLines(PAGE)) {
      Matcher clause = TABLE_CLAUSE.matcher(line);
      if (clause.find() && !clause.group(1).equals("clause")) {
        Clause.parse(clause.group(1).replace("\\|", "|"));
        count++;
      }
    }
    assertThat(count).isGreaterThanOrEqualTo(8);
  }

  @Test
  void theErrorExampleIsWhatTheParserSays() throws IOException {
    String page = Files.readString(PAGE);
    String shown = page.substring(page.indexOf("bad clause at line 2"));
    shown = shown.substring(0, shown.indexOf("\n```"));
    assertThatThrownBy(() -> Clause.parse("all(beneficiaries)\n  & timelock(2x)"))
        .hasMessage(shown);
  }

  private static List<List<String>> blocks() throws IOException {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : Files.readAllLines(PAGE)) {
      if (line.startsWith("```")) {
        if (current == null) {
          current = new ArrayList<>();
        } else {
          blocks.add(current);
          current = null;
        }
      } else if (current != null && !line.isBlank()) {
        current.add(line);
      }
    }
    return blocks;
  }
}
