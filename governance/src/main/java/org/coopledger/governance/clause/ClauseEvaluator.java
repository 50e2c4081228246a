package org.coopledger.governance.clause;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.coopledger.governance.clause.Clause.AmountCondition;
import org.coopledger.governance.clause.Clause.And;
import org.coopledger.governance.clause.Clause.Approval;
import org.coopledger.governance.clause.Clause.Constant;
import org.coopledger.governance.clause.Clause.If;
import org.coopledger.governance.clause.Clause.Or;
import org.coopledger.governance.clause.Clause.Timelock;
import org.coopledger.governance.clause.Clause.Veto;
import org.coopledger.governance.clause.Clause.Vote;
import org.coopledger.governance.clause.Verdict.State;
import org.coopledger.governance.crypto.MemberId;

/**
 * Evaluates a clause in two passes. The first finds whether the <em>conditions</em> hold (the
 * clause with every timelock and veto window taken as satisfied) and since when; that instant
 * anchors timelocks and veto windows in the second pass, which evaluates everything.
 */
final class ClauseEvaluator {
  private final ClauseContext context;
  private final SortedMap<MemberId, Instant> approvals;
  private final Instant anchor;

  private ClauseEvaluator(ClauseContext context, Instant anchor) {
    this.context = context;
    this.approvals = ApprovalCount.sorted(context.approvals());
    this.anchor = anchor;
  }

  static ClauseResult evaluate(Clause clause, ClauseContext context) {
    Conditions conditions = new Conditions(context);
    Optional<Instant> since = conditions.metSince(clause);
    Optional<Instant> anchor = since.map(s -> context.conditionsMetAt().orElse(s));
    Verdict outcome = new ClauseEvaluator(context, anchor.orElse(null)).eval(clause);
    return new ClauseResult(
        outcome.isHolding(),
        outcome.state() == State.NEVER,
        anchor.isPresent(),
        anchor,
        outcome.votesFinal(),
        outcome.isHolding() ? List.of() : outcome.missing(),
        since.isPresent() ? lapseAt(clause, context) : Optional.empty());
  }

  /**
   * The first time after now at which the conditions, met now, stop being met with no entry in
   * between: only an approval with {@code within} can run out, so the candidates are each counted
   * approval's time plus each {@code within} of the clause, tried in order.
   */
  private static Optional<Instant> lapseAt(Clause clause, ClauseContext context) {
    SortedSet<Duration> withins = clause.approvalWindows();
    if (withins.isEmpty()) {
      return Optional.empty();
    }
    SortedSet<Instant> candidates = new TreeSet<>();
    for (Instant at : ApprovalCount.sorted(context.approvals()).values()) {
      for (Duration within : withins) {
        Instant t = Times.plus(at, within);
        if (t.isAfter(context.now())) {
          candidates.add(t);
        }
      }
    }
    for (Instant t : candidates) {
      if (new Conditions(new AtTime(context, t)).metSince(clause).isEmpty()) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private Verdict eval(Clause clause) {
    return switch (clause) {
      case And and -> and(and.terms());
      case Or or -> or(or.terms());
      case If cond -> eval(test(cond.condition(), context) ? cond.then() : cond.otherwise());
      case Approval approval -> ApprovalCount.evaluate(approval, context, approvals);
      case Vote vote -> VoteCount.tally(context, vote).outcome(vote, context);
      case Timelock timelock -> timelock(timelock);
      case Veto veto -> veto(veto);
      case AmountCondition amount ->
          test(amount, context)
              ? Verdict.holds()
              : Verdict.never(
                  context.amount().isPresent()
                      ? "amount "
                          + context.amount().getAsLong()
                          + " is not "
                          + amount.op().symbol()
                          + " "
                          + amount.value()
                      : "the action has no amount (" + ClausePrinter.print(amount) + ")");
      case Constant constant ->
          constant.value() ? Verdict.holds() : Verdict.never("this action is never allowed");
    };
  }

  private Verdict and(List<Clause> terms) {
    List<Verdict> outcomes = terms.stream().map(this::eval).toList();
    boolean never = outcomes.stream().anyMatch(o -> o.state() == State.NEVER);
    List<String> missing = new ArrayList<>();
    for (Verdict outcome : outcomes) {
      if (!never || outcome.state() == State.NEVER) {
        missing.addAll(outcome.missing());
      }
    }
    State state =
        never
            ? State.NEVER
            : outcomes.stream().allMatch(Verdict::isHolding) ? State.HOLDS : State.PENDING;
    return new Verdict(state, outcomes.stream().allMatch(Verdict::votesFinal), missing);
  }

  private Verdict or(List<Clause> terms) {
    List<Verdict> outcomes = terms.stream().map(this::eval).toList();
    boolean votesFinal = outcomes.stream().allMatch(Verdict::votesFinal);
    if (outcomes.stream().anyMatch(Verdict::isHolding)) {
      return Verdict.holds().withVotesFinal(votesFinal);
    }
    boolean never = outcomes.stream().allMatch(o -> o.state() == State.NEVER);
    List<String> alternatives = new ArrayList<>();
    for (Verdict outcome : outcomes) {
      if (never || outcome.state() != State.NEVER) {
        alternatives.add(String.join("; ", outcome.missing()));
      }
    }
    String line =
        alternatives.size() == 1
            ? alternatives.get(0)
            : "one of: "
                + String.join(" | ", alternatives.stream().map(a -> "(" + a + ")").toList());
    return new Verdict(never ? State.NEVER : State.PENDING, votesFinal, List.of(line));
  }

  private Verdict timelock(Timelock timelock) {
    if (anchor == null) {
      return Verdict.pending(
          "timelock of " + timelock.span() + " starts once the rest of the clause is met");
    }
    Instant ends = Times.plus(anchor, timelock.span().duration());
    return context.now().isBefore(ends)
        ? Verdict.pending("timelock ends at " + ends)
        : Verdict.holds();
  }

  private Verdict veto(Veto veto) {
    String group = ClausePrinter.group(veto.group());
    Instant ends = anchor == null ? null : Times.plus(anchor, veto.window().duration());
    for (var cast : new TreeMap<>(context.vetoes()).entrySet()) {
      boolean inWindow = ends == null || !cast.getValue().isAfter(ends);
      boolean notFuture = !cast.getValue().isAfter(context.now());
      if (inWindow && notFuture && holders(veto.group()).contains(cast.getKey())) {
        return Verdict.never(
            "vetoed by "
                + context.describe(cast.getKey())
                + " ("
                + group
                + ") at "
                + cast.getValue());
      }
    }
    if (ends == null) {
      return Verdict.pending(
          "veto window of "
              + veto.window()
              + " for "
              + group
              + " starts once the rest of the clause is met");
    }
    return context.now().isBefore(ends)
        ? Verdict.pending("veto window for " + group + " open until " + ends)
        : Verdict.holds();
  }

  private List<MemberId> holders(Group group) {
    return switch (group) {
      case Group.Role role -> context.membersWithRole(role.name());
      case Group.Member member ->
          context.resolveMember(member.ref()).map(List::of).orElse(List.of());
      case Group.Beneficiaries ignored -> context.beneficiaries();
      case Group.AllMembers ignored -> context.members();
    };
  }

  static boolean test(AmountCondition condition, ClauseContext context) {
    return context.amount().isPresent()
        && condition.op().test(context.amount().getAsLong(), condition.value());
  }
}
