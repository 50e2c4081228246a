package org.coopledger.governance.clause;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.coopledger.governance.clause.Clause.AmountCondition;
import org.coopledger.governance.clause.Clause.Approval;
import org.coopledger.governance.clause.Clause.Comparison;

/**
 * Parses clause text (grammar in {@code docs/clauses.md}) by recursive descent, straight from the
 * characters so that every error knows its exact offset. Precedence, loosest first: {@code if},
 * {@code |}/{@code or}, {@code &}/{@code and}, then atoms and parentheses.
 */
public final class ClauseParser {
  private static final String A_CLAUSE =
      "a clause (such as '2 of role(treasurer)', 'all(beneficiaries)', 'vote(...)',"
          + " 'timelock(48h)', 'veto(role(auditor), 48h)', 'amount > 100000' or '(')";
  private static final String A_GROUP =
      "a group: role(name), member(name or key id), beneficiaries or members";

  /**
   * How deep clauses may nest: parentheses, an operator inside parentheses, an if-branch. Each
   * level is a recursion here and in the printer and evaluator, and a rulebook may be 100,000
   * characters: without a bound, one text could overflow the stack of every node that parses it.
   */
  public static final int MAX_DEPTH = 32;

  private final Scanner in;
  private int depth;

  private ClauseParser(String text, int start, int end) {
    this.in = new Scanner(text, start, end);
  }

  /** Parses a whole clause text. */
  public static Clause parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("clause text is null");
    }
    return parseRange(text, 0, text.length());
  }

  /** Parses {@code text[start, end)}; errors report positions in the whole {@code text}. */
  static Clause parseRange(String text, int start, int end) {
    ClauseParser parser = new ClauseParser(text, start, end);
    Clause clause = parser.clause();
    if (!parser.in.atEnd()) {
      throw parser.in.error("expected '&', '|', 'and', 'or' or the end of the clause");
    }
    return clause;
  }

  /** Parses {@code text[start, end)} as a list of groups: {@code role(creator), member(alice)}. */
  static List<Group> parseGroups(String text, int start, int end) {
    ClauseParser parser = new ClauseParser(text, start, end);
    List<Group> groups = new ArrayList<>(List.of(parser.group()));
    while (parser.in.accept(",")) {
      groups.add(parser.group());
    }
    if (!parser.in.atEnd()) {
      throw parser.in.error("expected ',' and another group, or the end of the line");
    }
    return List.copyOf(groups);
  }

  /** Parses {@code text[start, end)} as one duration: {@code 2m}. */
  static Span parseSpan(String text, int start, int end) {
    ClauseParser parser = new ClauseParser(text, start, end);
    Span span = parser.in.span();
    if (!parser.in.atEnd()) {
      throw parser.in.error("expected the end of the line after the duration");
    }
    return span;
  }

  private Clause clause() {
    enter();
    try {
      return in.acceptWord("if") ? ifRest() : or();
    } finally {
      depth--;
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw in.error(
          "the clause is nested more than "
              + MAX_DEPTH
              + " deep (parentheses, operators in parentheses, if-branches); write it flatter");
    }
  }

  private Clause ifRest() {
    AmountCondition condition = condition();
    in.expectWord("then", "'then' after the condition");
    Clause then = clause();
    in.expectWord("else", "'else' (an if needs both branches)");
    return new Clause.If(condition, then, clause());
  }

  /** An amount condition, possibly in parentheses: {@code amount > 5} or {@code ((amount > 5))}. */
  private AmountCondition condition() {
    in.skipSpace();
    int start = in.position();
    if (in.accept("(")) {
      enter();
      try {
        AmountCondition inner = condition();
        in.expect(")", "')' to close the '(' at " + in.where(start));
        return inner;
      } finally {
        depth--;
      }
    }
    if (!in.peekWord().equals("amount")) {
      throw in.error("expected an amount condition after 'if' (as in 'if amount > 100000 then')");
    }
    return (AmountCondition) atom();
  }

  private Clause or() {
    List<Clause> terms = new ArrayList<>(List.of(and()));
    while (in.accept("|") || in.acceptWord("or")) {
      terms.add(and());
    }
    return terms.size() == 1 ? terms.get(0) : new Clause.Or(terms);
  }

  private Clause and() {
    List<Clause> terms = new ArrayList<>(List.of(atom()));
    while (in.accept("&") || in.acceptWord("and")) {
      terms.add(atom());
    }
    return terms.size() == 1 ? terms.get(0) : new Clause.And(terms);
  }

  private Clause atom() {
    in.skipSpace();
    int start = in.position();
    if (in.accept("(")) {
      Clause inner = clause();
      in.expect(")", "')' to close the '(' at " + in.where(start));
      return inner;
    }
    if (in.peekDigit()) {
      int k = (int) in.integer("a number of approvals", 1000);
      in.expectWord("of", "'of' after the number of approvals (as in '2 of role(treasurer)')");
      List<Group> groups = in.accept("(") ? groupsUntilClose() : List.of(group());
      return suffixes(start, () -> new Quantifier.AtLeast(k), groups);
    }
    String word = in.peekWord();
    switch (word) {
      case "if" -> {
        in.readWord();
        return ifRest();
      }
      case "all", "any" -> {
        in.readWord();
        in.expect("(", "'(' after '" + word + "'");
        List<Group> groups = groupsUntilClose();
        return suffixes(
            start, word.equals("all") ? Quantifier.All::new : Quantifier.Any::new, groups);
      }
      case "member" -> {
        return suffixes(start, Quantifier.All::new, List.of(group()));
      }
      case "role", "beneficiaries", "members" -> {
        throw in.error(
            "a group alone is not a clause: write 'any("
                + word
                + "...)', 'all(...)' or 'k of "
                + word
                + "...'");
      }
      case "vote" -> {
        in.readWord();
        return VoteParams.parse(in, this);
      }
      case "timelock" -> {
        in.readWord();
        in.expect("(", "'(' after 'timelock'");
        Span span = in.span();
        in.expect(")", "')' after the timelock's duration");
        return new Clause.Timelock(span);
      }
      case "veto" -> {
        in.readWord();
        in.expect("(", "'(' after 'veto'");
        Group group = group();
        in.expect(",", "',' and the veto window (as in 'veto(role(auditor), 48h)')");
        Span window = in.span();
        in.expect(")", "')' after the veto window");
        return new Clause.Veto(group, window);
      }
      case "amount" -> {
        in.readWord();
        Comparison op = comparison();
        return new AmountCondition(op, in.integer("an amount in minor units", Long.MAX_VALUE));
      }
      case "always", "never" -> {
        in.readWord();
        return new Clause.Constant(word.equals("always"));
      }
      default -> throw in.error("expected " + A_CLAUSE + ", found " + in.found());
    }
  }

  private Comparison comparison() {
    for (String symbol : new String[] {">=", "<=", ">", "<", "="}) {
      if (in.accept(symbol)) {
        for (Comparison op : Comparison.values()) {
          if (op.symbol().equals(symbol)) {
            return op;
          }
        }
      }
    }
    throw in.error("expected a comparison after 'amount': >, >=, <, <= or =");
  }

  private Clause suffixes(int start, Supplier<Quantifier> quantifier, List<Group> groups) {
    Optional<Span> within = Optional.empty();
    boolean allowInterested = false;
    while (true) {
      in.skipSpace();
      int at = in.position();
      if (in.acceptWord("within")) {
        if (within.isPresent()) {
          throw in.errorAt(at, "'within' is given twice");
        }
        within = Optional.of(in.span());
      } else if (in.acceptWord("allow-interested")) {
        if (allowInterested) {
          throw in.errorAt(at, "'allow-interested' is given twice");
        }
        allowInterested = true;
      } else {
        break;
      }
    }
    Optional<Span> finalWithin = within;
    boolean finalAllow = allowInterested;
    return in.build(start, () -> new Approval(quantifier.get(), groups, finalWithin, finalAllow));
  }

  private List<Group> groupsUntilClose() {
    List<Group> groups = new ArrayList<>(List.of(group()));
    while (in.accept(",")) {
      groups.add(group());
    }
    in.expect(")", "',' and another group, or ')'");
    return groups;
  }

  Group group() {
    in.skipSpace();
    int start = in.position();
    String word = in.peekWord();
    switch (word) {
      case "role" -> {
        in.readWord();
        in.expect("(", "'(' after 'role'");
        in.skipSpace();
        int nameStart = in.position();
        String name = in.readWord();
        if (!Group.ROLE_NAME.matcher(name).matches()) {
          throw in.errorAt(
              nameStart,
              "expected a role name (a lowercase letter, then a-z 0-9 _ -), found " + in.found());
        }
        in.expect(")", "')' after the role name");
        return new Group.Role(name);
      }
      case "member" -> {
        in.readWord();
        in.expect("(", "'(' after 'member'");
        String ref = in.memberRef();
        in.expect(")", "')' after the member's name or key id");
        return in.build(start, () -> new Group.Member(ref));
      }
      case "beneficiaries" -> {
        in.readWord();
        return new Group.Beneficiaries();
      }
      case "members" -> {
        in.readWord();
        return new Group.AllMembers();
      }
      default -> throw in.error("expected " + A_GROUP + ", found " + in.found());
    }
  }
}
