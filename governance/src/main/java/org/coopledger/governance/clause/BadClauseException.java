package org.coopledger.governance.clause;

import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * Clause or rulebook text that does not parse or is out of range. The message names the position
 * (line and column, 1-based), says what was expected and shows the line with a caret under the
 * offending character.
 */
public final class BadClauseException extends CoopException {
  private static final long serialVersionUID = 1L;

  /** The stable error code of every bad clause or rulebook. */
  public static final String CODE = "BAD_CLAUSE";

  private final int offset;
  private final int line;
  private final int column;
  private final String problem;

  BadClauseException(String text, int offset, String problem) {
    super(ErrorCode.of(CODE, ErrorCategory.RULES_NOT_MET), format(text, offset, problem));
    this.offset = offset;
    int[] position = position(text, offset);
    this.line = position[0];
    this.column = position[1];
    this.problem = problem;
  }

  /** 0-based character offset of the problem in the whole text. */
  public int offset() {
    return offset;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position and excerpt (e.g. "expected ')'"). */
  public String problem() {
    return problem;
  }

  static int[] position(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }

  private static String format(String text, int offset, String problem) {
    int[] position = position(text, offset);
    int lineStart = offset - (position[1] - 1);
    int lineEnd = text.indexOf('\n', lineStart);
    String excerpt = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
    return "bad clause at line "
        + position[0]
        + ", column "
        + position[1]
        + ": "
        + problem
        + "\n  "
        + excerpt
        + "\n  "
        + " ".repeat(position[1] - 1)
        + "^";
  }
}
