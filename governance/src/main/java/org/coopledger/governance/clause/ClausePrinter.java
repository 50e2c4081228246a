package org.coopledger.governance.clause;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.coopledger.governance.clause.Clause.AmountCondition;
import org.coopledger.governance.clause.Clause.And;
import org.coopledger.governance.clause.Clause.Approval;
import org.coopledger.governance.clause.Clause.Constant;
import org.coopledger.governance.clause.Clause.If;
import org.coopledger.governance.clause.Clause.Or;
import org.coopledger.governance.clause.Clause.Timelock;
import org.coopledger.governance.clause.Clause.Veto;
import org.coopledger.governance.clause.Clause.Vote;

/**
 * Prints a clause in its one canonical form: single spaces, {@code &} and {@code |} for and/or,
 * parentheses only where precedence needs them (and around an {@code if} inside a then-branch),
 * every vote parameter spelled out in the order quorum, approve, window (preceded by {@code of=}
 * and {@code weight=} when they are not the defaults {@code members} and {@code equal}).
 */
public final class ClausePrinter {
  private static final Pattern BARE_REF = Pattern.compile("[A-Za-z0-9_.@-]+");
  private static final int IF = 0;
  private static final int OR = 1;
  private static final int AND = 2;
  private static final int ATOM = 3;

  private ClausePrinter() {}

  public static String print(Clause clause) {
    StringBuilder out = new StringBuilder();
    print(clause, IF, out);
    return out.toString();
  }

  private static void print(Clause clause, int context, StringBuilder out) {
    int level = level(clause);
    boolean parens = level < context;
    if (parens) {
      out.append('(');
    }
    switch (clause) {
      case Or or -> join(or.terms(), " | ", AND, out);
      case And and -> join(and.terms(), " & ", ATOM, out);
      case If cond -> {
        out.append("if ");
        print(cond.condition(), ATOM, out);
        out.append(" then ");
        print(cond.then(), OR, out);
        out.append(" else ");
        print(cond.otherwise(), IF, out);
      }
      case Approval approval -> approval(approval, out);
      case Vote vote ->
          out.append("vote(")
              .append(vote.of() instanceof Group.AllMembers ? "" : "of=" + group(vote.of()) + ", ")
              .append(vote.weight() == Clause.Weight.EQUAL ? "" : "weight=share, ")
              .append("quorum=")
              .append(vote.quorum())
              .append(", approve")
              .append(vote.strict() ? ">" : ">=")
              .append(vote.approve())
              .append(", window=")
              .append(vote.window())
              .append(')');
      case Timelock timelock -> out.append("timelock(").append(timelock.span()).append(')');
      case Veto veto ->
          out.append("veto(")
              .append(group(veto.group()))
              .append(", ")
              .append(veto.window())
              .append(')');
      case AmountCondition amount ->
          out.append("amount ").append(amount.op().symbol()).append(' ').append(amount.value());
      case Constant constant -> out.append(constant.value() ? "always" : "never");
    }
    if (parens) {
      out.append(')');
    }
  }

  private static int level(Clause clause) {
    return switch (clause) {
      case If ignored -> IF;
      case Or ignored -> OR;
      case And ignored -> AND;
      default -> ATOM;
    };
  }

  private static void join(List<Clause> terms, String separator, int context, StringBuilder out) {
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      print(terms.get(i), context, out);
    }
  }

  private static void approval(Approval approval, StringBuilder out) {
    List<Group> groups = approval.groups();
    String list = groups.stream().map(ClausePrinter::group).collect(Collectors.joining(", "));
    switch (approval.quantifier()) {
      case Quantifier.All all when groups.size() == 1 && groups.get(0) instanceof Group.Member ->
          out.append(list);
      case Quantifier.All all -> out.append("all(").append(list).append(')');
      case Quantifier.Any any -> out.append("any(").append(list).append(')');
      case Quantifier.AtLeast atLeast ->
          out.append(atLeast.k())
              .append(" of ")
              .append(groups.size() == 1 ? list : "(" + list + ")");
    }
    approval.within().ifPresent(span -> out.append(" within ").append(span));
    if (approval.allowInterested()) {
      out.append(" allow-interested");
    }
  }

  /** The canonical text of a group, e.g. {@code role(treasurer)}. */
  public static String group(Group group) {
    return switch (group) {
      case Group.Role role -> "role(" + role.name() + ")";
      case Group.Member member -> "member(" + ref(member.ref()) + ")";
      case Group.Beneficiaries ignored -> "beneficiaries";
      case Group.AllMembers ignored -> "members";
    };
  }

  private static String ref(String ref) {
    if (BARE_REF.matcher(ref).matches()) {
      return ref;
    }
    return '"' + ref.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
