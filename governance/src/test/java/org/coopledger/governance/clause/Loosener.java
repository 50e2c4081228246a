package org.coopledger.governance.clause;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Writes a clause the way a person might: random spacing and line breaks, words or symbols for
 * and/or, redundant parentheses, vote parameters shuffled or left at their defaults, {@code
 * all(member(x))} for {@code member(x)}. Every such text must parse to the same clause.
 */
final class Loosener {
  private final Random random;
  private final StringBuilder out = new StringBuilder();

  private Loosener(Random random) {
    this.random = random;
  }

  static String loosen(Clause clause, Random random) {
    Loosener loosener = new Loosener(random);
    loosener.clause(clause);
    return loosener.out.toString();
  }

  private void space() {
    switch (random.nextInt(6)) {
      case 0 -> out.append("  ");
      case 1 -> out.append("\n\t");
      case 2, 3 -> out.append(' ');
      default -> {}
    }
  }

  private void clause(Clause clause) {
    boolean extra = random.nextInt(5) == 0;
    if (extra) {
      out.append('(');
      space();
    }
    switch (clause) {
      case And and -> join(and.terms(), random.nextBoolean() ? "&" : " and ");
      case Or or -> join(or.terms(), random.nextBoolean() ? "|" : " or ");
      case If cond -> {
        out.append("if ");
        clause(cond.condition());
        out.append(" then ");
        child(cond.then());
        out.append(" else ");
        child(cond.otherwise());
      }
      case Approval approval -> approval(approval);
      case Vote vote -> vote(vote);
      case Timelock timelock -> out.append("timelock(").append(timelock.span()).append(')');
      case Veto veto -> {
        out.append("veto(");
        space();
        out.append(ClausePrinter.group(veto.group())).append(',');
        space();
        out.append(veto.window()).append(')');
      }
      case AmountCondition amount -> {
        out.append("amount");
        space();
        out.append(amount.op().symbol());
        space();
        out.append(withUnderscores(amount.value()));
      }
      case Constant constant -> out.append(constant.value() ? "always" : "never");
    }
    if (extra) {
      space();
      out.append(')');
    }
  }

  /** A compound child always gets parentheses, so precedence never regroups it. */
  private void child(Clause clause) {
    boolean compound = clause instanceof And || clause instanceof Or || clause instanceof If;
    if (compound) {
      out.append('(');
    }
    clause(clause);
    if (compound) {
      out.append(')');
    }
  }

  private void join(List<Clause> terms, String separator) {
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        space();
        out.append(separator);
        space();
      }
      child(terms.get(i));
    }
  }

  private void approval(Approval approval) {
    List<String> groups = new ArrayList<>();
    approval.groups().forEach(g -> groups.add(ClausePrinter.group(g)));
    String list = String.join(random.nextBoolean() ? "," : " , ", groups);
    switch (approval.quantifier()) {
      case Quantifier.All all -> out.append("all(").append(list).append(')');
      case Quantifier.Any any -> out.append("any( ").append(list).append(" )");
      case Quantifier.AtLeast atLeast -> {
        out.append(atLeast.k()).append(" of ");
        out.append(groups.size() > 1 || random.nextBoolean() ? "(" + list + ")" : list);
      }
    }
    boolean withinFirst = random.nextBoolean();
    if (withinFirst) {
      approval.within().ifPresent(span -> out.append(" within ").append(span));
    }
    if (approval.allowInterested()) {
      out.append(" allow-interested");
    }
    if (!withinFirst) {
      approval.within().ifPresent(span -> out.append(" within ").append(span));
    }
  }

  private void vote(Vote vote) {
    List<String> params = new ArrayList<>();
    if (!vote.quorum().equals(VoteParams.DEFAULT_QUORUM) || random.nextBoolean()) {
      params.add("quorum =" + vote.quorum());
    }
    if (!vote.approve().equals(VoteParams.DEFAULT_APPROVE)
        || !vote.strict()
        || random.nextBoolean()) {
      params.add("approve" + (vote.strict() ? ">" : ">=") + " " + vote.approve());
    }
    if (!vote.window().equals(VoteParams.DEFAULT_WINDOW) || random.nextBoolean()) {
      params.add("window= " + vote.window());
    }
    java.util.Collections.shuffle(params, random);
    out.append("vote (").append(String.join(", ", params)).append(')');
  }

  private static String withUnderscores(long value) {
    String digits = Long.toString(value);
    return digits.length() > 3 && value % 2 == 0
        ? digits.substring(0, digits.length() - 3) + "_" + digits.substring(digits.length() - 3)
        : digits;
  }
}
