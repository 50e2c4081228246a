package org.coopledger.governance.clause;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An approval clause: the AST of the clause language. Immutable; two clauses are equal exactly when
 * their canonical texts are equal. {@code And} and {@code Or} are flattened on construction, so
 * {@code (a & b) & c} and {@code a & (b & c)} are the same clause.
 */
public sealed interface Clause {

  /** Parses clause text; throws {@link BadClauseException} pointing at the first mistake. */
  static Clause parse(String text) {
    return ClauseParser.parse(text);
  }

  /** The canonical text of this clause: {@code parse(c.text()).equals(c)}. */
  default String text() {
    return ClausePrinter.print(this);
  }

  /**
   * Evaluates this clause against ledger state. Pure and deterministic: the result depends only on
   * the clause and what {@code context} returns. Never throws for a well-formed context.
   */
  default ClauseResult evaluate(ClauseContext context) {
    return ClauseEvaluator.evaluate(this, context);
  }

  /**
   * The longest vote window in this clause (in any branch), or empty if it has no vote. Votes cast
   * at or after {@code openedAt + window} can no longer change anything; the state machine may
   * reject them.
   */
  default Optional<Duration> longestVoteWindow() {
    return switch (this) {
      case And and -> longest(and.terms());
      case Or or -> longest(or.terms());
      case If cond -> longest(List.of(cond.then(), cond.otherwise()));
      case Vote vote -> Optional.of(vote.window().duration());
      default -> Optional.empty();
    };
  }

  /** Every {@code within} duration of this clause's approvals (in any branch), shortest first. */
  default java.util.SortedSet<Duration> approvalWindows() {
    java.util.SortedSet<Duration> out = new java.util.TreeSet<>();
    switch (this) {
      case Approval a -> a.within().ifPresent(w -> out.add(w.duration()));
      case And and -> and.terms().forEach(t -> out.addAll(t.approvalWindows()));
      case Or or -> or.terms().forEach(t -> out.addAll(t.approvalWindows()));
      case If cond -> {
        out.addAll(cond.then().approvalWindows());
        out.addAll(cond.otherwise().approvalWindows());
      }
      default -> {}
    }
    return out;
  }

  private static Optional<Duration> longest(List<Clause> clauses) {
    return clauses.stream()
        .map(Clause::longestVoteWindow)
        .flatMap(Optional::stream)
        .max(Duration::compareTo);
  }

  /** All of {@code terms} must hold ({@code a & b}, {@code a and b}). */
  record And(List<Clause> terms) implements Clause {
    public And {
      terms = flatten(terms, And.class);
    }

    public static And of(Clause... terms) {
      return new And(List.of(terms));
    }
  }

  /** At least one of {@code terms} must hold ({@code a | b}, {@code a or b}). */
  record Or(List<Clause> terms) implements Clause {
    public Or {
      terms = flatten(terms, Or.class);
    }

    public static Or of(Clause... terms) {
      return new Or(List.of(terms));
    }
  }

  /** {@code if amount > 100000 then a else b}: chooses by the action's amount. */
  record If(AmountCondition condition, Clause then, Clause otherwise) implements Clause {
    public If {
      requirePresent(condition, "an if needs a condition");
      requirePresent(then, "an if needs a then-branch");
      requirePresent(otherwise, "an if needs an else-branch");
    }
  }

  /**
   * Approvals from members of {@code groups} (their union), e.g. {@code 2 of role(treasurer)}.
   * Approvals older than {@code within} (if present) do not count. Unless {@code allowInterested},
   * the author and the beneficiaries do not count for groups that {@link Group#separatesDuties()}.
   */
  record Approval(
      Quantifier quantifier, List<Group> groups, Optional<Span> within, boolean allowInterested)
      implements Clause {
    public Approval {
      requirePresent(quantifier, "an approval needs a quantifier");
      requirePresent(within, "within is Optional.empty() when absent");
      if (groups == null || groups.isEmpty() || groups.size() > 32) {
        throw new IllegalArgumentException("an approval names 1 to 32 groups");
      }
      groups = List.copyOf(groups);
    }

    /** {@code k of group} with the default options. */
    public static Approval atLeast(int k, Group group) {
      return new Approval(new Quantifier.AtLeast(k), List.of(group), Optional.empty(), false);
    }

    /** {@code all(group)} with the default options. */
    public static Approval all(Group group) {
      return new Approval(new Quantifier.All(), List.of(group), Optional.empty(), false);
    }

    /** {@code any(group)} with the default options. */
    public static Approval any(Group group) {
      return new Approval(new Quantifier.Any(), List.of(group), Optional.empty(), false);
    }
  }

  /**
   * A vote of the electorate {@code of} (default {@code members}), each voter weighing one ({@code
   * weight=equal}) or their basis points in the split in force ({@code weight=share}). The
   * electorate and the weights are those when the proposal opened; members removed since do not
   * count. Open for {@code window} from the proposal's opening: passes when the participating
   * weight is at least {@code quorum} of the eligible weight and yes / (yes + no) is greater than
   * ({@code strict}) or at least {@code approve}.
   */
  record Vote(Group of, Weight weight, Ratio quorum, boolean strict, Ratio approve, Span window)
      implements Clause {
    public Vote {
      requirePresent(of, "a vote needs an electorate");
      requirePresent(weight, "a vote needs a weighting");
      requirePresent(quorum, "a vote needs a quorum");
      requirePresent(approve, "a vote needs an approval threshold");
      requirePresent(window, "a vote needs a window");
      if (strict && approve.numerator() == approve.denominator()) {
        throw new IllegalArgumentException("approve>100% can never pass; use approve>=100%");
      }
    }

    /** A vote of every member, one vote each. */
    public Vote(Ratio quorum, boolean strict, Ratio approve, Span window) {
      this(new Group.AllMembers(), Weight.EQUAL, quorum, strict, approve, window);
    }

    /** A simple majority of the votes cast, no quorum, over {@code window}. */
    public static Vote majority(Ratio quorum, Span window) {
      return new Vote(quorum, true, Ratio.percent(50), window);
    }

    /** Whether this vote is of every member with one vote each (the default electorate). */
    public boolean defaultElectorate() {
      return of instanceof Group.AllMembers && weight == Weight.EQUAL;
    }
  }

  /** How a vote weighs its voters. */
  enum Weight {
    /** One member, one vote. */
    EQUAL,
    /** A member's basis points in the split in force when the proposal opened (0 = no vote). */
    SHARE;

    /** As written in clause text. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Holds once {@code span} has passed since the rest of the clause was first met. */
  record Timelock(Span span) implements Clause {
    public Timelock {
      requirePresent(span, "a timelock needs a duration");
    }
  }

  /**
   * A veto window: holds once {@code window} has passed since the rest of the clause was first met
   * and no member of {@code group} vetoed before the window ended. A valid veto can never be
   * undone.
   */
  record Veto(Group group, Span window) implements Clause {
    public Veto {
      requirePresent(group, "a veto needs a group");
      requirePresent(window, "a veto needs a window");
    }
  }

  /** {@code amount > 100000}: compares the action's amount, in minor units, with a constant. */
  record AmountCondition(Comparison op, long value) implements Clause {
    public AmountCondition {
      requirePresent(op, "an amount condition needs a comparison");
      if (value < 0) {
        throw new IllegalArgumentException("an amount is at least 0 minor units, got " + value);
      }
    }
  }

  /** {@code always} or {@code never}. */
  record Constant(boolean value) implements Clause {}

  /** The comparison operators of amount conditions. */
  enum Comparison {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    EQ("=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean test(long left, long right) {
      return switch (this) {
        case GT -> left > right;
        case GE -> left >= right;
        case LT -> left < right;
        case LE -> left <= right;
        case EQ -> left == right;
      };
    }
  }

  private static List<Clause> flatten(List<Clause> terms, Class<? extends Clause> kind) {
    if (terms == null || terms.size() < 2) {
      throw new IllegalArgumentException("and/or join at least two clauses");
    }
    List<Clause> flat = new ArrayList<>();
    for (Clause term : terms) {
      requirePresent(term, "and/or terms are not null");
      if (term instanceof And and && kind == And.class) {
        flat.addAll(and.terms());
      } else if (term instanceof Or or && kind == Or.class) {
        flat.addAll(or.terms());
      } else {
        flat.add(term);
      }
    }
    return List.copyOf(flat);
  }

  private static void requirePresent(Object value, String message) {
    if (value == null) {
      throw new IllegalArgumentException(message);
    }
  }
}
