package org.coopledger.governance.clause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A co-op's rulebook: exactly one clause for every {@link ActionKind}, and optionally, per kind,
 * who may propose it. Stored in genesis and replaced by {@code RULEBOOK} proposals in its canonical
 * text form ({@link #text()}): one line {@code kind: clause} per kind, in {@link ActionKind} order,
 * then one line {@code propose kind: group, group} per limited kind (without one, any member may
 * propose), then {@code clock-skew: d} if not the default of 2 minutes. Parsing also accepts blank
 * lines, {@code #} comment lines and the lines in any order, but every kind must have exactly one
 * clause, so a stored rulebook never silently depends on the defaults of some software version.
 */
public record Rulebook(
    Map<ActionKind, Clause> clauses, Map<ActionKind, List<Group>> proposers, Span clockSkew) {
  private static final String PROPOSE = "propose ";

  /** The clause of an optional kind the rulebook leaves out. */
  private static final Clause NEVER = new Clause.Constant(false);

  private static final String CLOCK_SKEW = "clock-skew";

  /**
   * How far before its signed creation time an entry may be accepted, unless the rulebook says
   * otherwise ({@code clock-skew: 5m}): members' and nodes' clocks are never quite in step.
   */
  public static final Span DEFAULT_CLOCK_SKEW = Span.of(2, Span.Unit.MINUTES);

  public Rulebook {
    if (clockSkew == null) {
      throw new IllegalArgumentException("a rulebook needs a clock skew");
    }
    if (proposers == null) {
      throw new IllegalArgumentException("a rulebook needs its proposer limits (maybe none)");
    }
    EnumMap<ActionKind, List<Group>> limits = new EnumMap<>(ActionKind.class);
    proposers.forEach(
        (kind, groups) -> {
          if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("a proposer limit names at least one group");
          }
          limits.put(kind, List.copyOf(groups));
        });
    proposers = Collections.unmodifiableMap(limits);
    if (clauses == null) {
      throw new IllegalArgumentException("a rulebook needs clauses");
    }
    EnumMap<ActionKind, Clause> copy = new EnumMap<>(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      Clause clause = clauses.get(kind);
      if (clause == null && kind.optional()) {
        clause = NEVER;
      }
      if (clause == null) {
        throw new IllegalArgumentException("the rulebook has no clause for " + kind.text());
      }
      copy.put(kind, clause);
    }
    clauses = Collections.unmodifiableMap(copy);
  }

  /** A rulebook in which any member may propose anything, with the default clock skew. */
  public Rulebook(Map<ActionKind, Clause> clauses) {
    this(clauses, Map.of(), DEFAULT_CLOCK_SKEW);
  }

  /** Who may propose {@code kind}: empty if any member may. */
  public Optional<List<Group>> proposers(ActionKind kind) {
    return Optional.ofNullable(proposers.get(kind));
  }

  /** A copy in which only members of {@code groups} may propose {@code kind}. */
  public Rulebook withProposers(ActionKind kind, List<Group> groups) {
    EnumMap<ActionKind, List<Group>> copy = new EnumMap<>(ActionKind.class);
    copy.putAll(proposers);
    copy.put(kind, groups);
    return new Rulebook(clauses, copy, clockSkew);
  }

  /**
   * Whether the rulebook has a clause of its own for {@code kind} (always for a kind that is not
   * {@link ActionKind#optional()}; for an optional one, unless it is left out or {@code never}).
   */
  public boolean has(ActionKind kind) {
    return !(kind.optional() && clauses.get(kind).equals(NEVER));
  }

  /** The clause that governs {@code kind}. */
  public Clause clause(ActionKind kind) {
    return clauses.get(kind);
  }

  /** A copy with {@code kind} governed by {@code clause}. */
  public Rulebook with(ActionKind kind, Clause clause) {
    EnumMap<ActionKind, Clause> copy = new EnumMap<>(clauses);
    copy.put(kind, clause);
    return new Rulebook(copy, proposers, clockSkew);
  }

  /** A copy with another clock skew. */
  public Rulebook withClockSkew(Span skew) {
    return new Rulebook(clauses, proposers, skew);
  }

  /**
   * The canonical text: {@code kind: clause} lines in {@link ActionKind} order, then {@code propose
   * kind: groups} lines in that order, each ending '\n'.
   */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<ActionKind, Clause> entry : clauses.entrySet()) {
      if (entry.getKey().optional() && !has(entry.getKey())) {
        continue;
      }
      out.append(entry.getKey().text()).append(": ").append(entry.getValue().text()).append('\n');
    }
    for (Map.Entry<ActionKind, List<Group>> entry : proposers.entrySet()) {
      out.append(PROPOSE)
          .append(entry.getKey().text())
          .append(": ")
          .append(String.join(", ", entry.getValue().stream().map(ClausePrinter::group).toList()))
          .append('\n');
    }
    if (!clockSkew.equals(DEFAULT_CLOCK_SKEW)) {
      out.append(CLOCK_SKEW).append(": ").append(clockSkew).append('\n');
    }
    return out.toString();
  }

  /** Parses rulebook text; errors are {@link BadClauseException}s with rulebook line numbers. */
  public static Rulebook parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("rulebook text is null");
    }
    EnumMap<ActionKind, Clause> clauses = new EnumMap<>(ActionKind.class);
    EnumMap<ActionKind, List<Group>> proposers = new EnumMap<>(ActionKind.class);
    Span[] skew = {null};
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int newline = text.indexOf('\n', lineStart);
      int lineEnd = newline < 0 ? text.length() : newline;
      parseLine(text, lineStart, lineEnd, clauses, proposers, skew);
      lineStart = lineEnd + 1;
    }
    List<String> missing = new ArrayList<>();
    for (ActionKind kind : ActionKind.values()) {
      if (!clauses.containsKey(kind) && !kind.optional()) {
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
    return new Rulebook(clauses, proposers, skew[0] == null ? DEFAULT_CLOCK_SKEW : skew[0]);
  }

  private static void parseLine(
      String text,
      int start,
      int end,
      EnumMap<ActionKind, Clause> clauses,
      EnumMap<ActionKind, List<Group>> proposers,
      Span[] skew) {
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
    if (kindText.equals(CLOCK_SKEW)) {
      if (skew[0] != null) {
        throw new BadClauseException(
            text, kindStart, "'clock-skew' is given twice in the rulebook");
      }
      skew[0] = ClauseParser.parseSpan(text, colon + 1, end);
      return;
    }
    boolean propose = kindText.startsWith(PROPOSE);
    if (propose) {
      kindText = kindText.substring(PROPOSE.length()).strip();
    }
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
    if (propose) {
      if (proposers.containsKey(kind.get())) {
        throw new BadClauseException(
            text, kindStart, "'propose " + kindText + "' is given twice in the rulebook");
      }
      proposers.put(kind.get(), ClauseParser.parseGroups(text, colon + 1, end));
      return;
    }
    if (clauses.containsKey(kind.get())) {
      throw new BadClauseException(
          text, kindStart, "'" + kindText + "' already has a clause earlier in the rulebook");
    }
    clauses.put(kind.get(), ClauseParser.parseRange(text, colon + 1, end));
  }
}
