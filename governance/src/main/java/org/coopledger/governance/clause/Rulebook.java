package org.coopledger.governance.clause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A co-op's rulebook: exactly one clause for every {@link ActionKind}. Stored in genesis and
 * replaced by {@code RULEBOOK} proposals in its canonical text form ({@link #text()}): one line
 * {@code kind: clause} per kind, in {@link ActionKind} order. Parsing also accepts blank lines,
 * {@code #} comment lines and the kinds in any order, but every kind must appear exactly once, so a
 * stored rulebook never silently depends on the defaults of some software version.
 */
public record Rulebook(Map<ActionKind, Clause> clauses) {
  public Rulebook {
    if (clauses == null) {
      throw new IllegalArgumentException("a rulebook needs clauses");
    }
    EnumMap<ActionKind, Clause> copy = new EnumMap<>(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      Clause clause = clauses.get(kind);
      if (clause == null) {
        throw new IllegalArgumentException("the rulebook has no clause for " + kind.text());
      }
      copy.put(kind, clause);
    }
    clauses = Collections.unmodifiableMap(copy);
  }

  /** The clause that governs {@code kind}. */
  public Clause clause(ActionKind kind) {
    return clauses.get(kind);
  }

  /** A copy with {@code kind} governed by {@code clause}. */
  public Rulebook with(ActionKind kind, Clause clause) {
    EnumMap<ActionKind, Clause> copy = new EnumMap<>(clauses);
    copy.put(kind, clause);
    return new Rulebook(copy);
  }

  /**
   * The canonical text: {@code kind: clause} lines in {@link ActionKind} order, each ending '\n'.
   */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<ActionKind, Clause> entry : clauses.entrySet()) {
      out.append(entry.getKey().text()).append(": ").append(entry.getValue().text()).append('\n');
    }
    return out.toString();
  }

  /** Parses rulebook text; errors are {@link BadClauseException}s with rulebook line numbers. */
  public static Rulebook parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("rulebook text is null");
    }
    EnumMap<ActionKind, Clause> clauses = new EnumMap<>(ActionKind.class);
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int newline = text.indexOf('\n', lineStart);
      int lineEnd = newline < 0 ? text.length() : newline;
      parseLine(text, lineStart, lineEnd, clauses);
      lineStart = lineEnd + 1;
    }
    List<String> missing = new ArrayList<>();
    for (ActionKind kind : ActionKind.values()) {
      if (!clauses.containsKey(kind)) {
        missing.add(kind.text());
      }
    }
    if (!missing.isEmpty()) {
      throw new BadClauseException(
          text,
          text.length(),
          "the rulebook needs a clause for every action kind; missing: "
              + String.join(", ", missing));
    }
    return new Rulebook(clauses);
  }

  private static void parseLine(
      String text, int start, int end, EnumMap<ActionKind, Clause> clauses) {
    String line = text.substring(start, end);
    String stripped = line.strip();
    if (stripped.isEmpty() || stripped.startsWith("#")) {
      return;
    }
    int kindStart = start + (line.length() - line.stripLeading().length());
    int colon = text.indexOf(':', kindStart);
    if (colon < 0 || colon >= end) {
      throw new BadClauseException(
          text, kindStart, "expected 'kind: clause' (as in 'payout: 2 of role(treasurer)')");
    }
    String kindText = text.substring(kindStart, colon).strip();
    Optional<ActionKind> kind = ActionKind.ofText(kindText);
    if (kind.isEmpty()) {
      throw new BadClauseException(
          text,
          kindStart,
          "expected an action kind ("
              + String.join(", ", Arrays.stream(ActionKind.values()).map(ActionKind::text).toList())
              + "), found '"
              + kindText
              + "'");
    }
    if (clauses.containsKey(kind.get())) {
      throw new BadClauseException(
          text, kindStart, "'" + kindText + "' already has a clause earlier in the rulebook");
    }
    clauses.put(kind.get(), ClauseParser.parseRange(text, colon + 1, end));
  }
}
