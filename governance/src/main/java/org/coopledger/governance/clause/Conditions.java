package org.coopledger.governance.clause;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import org.coopledger.governance.clause.Clause.AmountCondition;
import org.coopledger.governance.clause.Clause.And;
import org.coopledger.governance.clause.Clause.Approval;
import org.coopledger.governance.clause.Clause.Constant;
import org.coopledger.governance.clause.Clause.If;
import org.coopledger.governance.clause.Clause.Or;
import org.coopledger.governance.clause.Clause.Timelock;
import org.coopledger.governance.clause.Clause.Veto;
import org.coopledger.governance.clause.Clause.Vote;
import org.coopledger.governance.crypto.MemberId;

/**
 * The first evaluation pass: whether a clause's conditions (everything but timelocks and veto
 * windows) hold, and since when that can be proven. Approvals and early vote results are only known
 * to hold since now; a vote whose window closed passing holds since its window's end; amount
 * conditions, constants, timelocks and vetoes hold since the proposal opened.
 */
final class Conditions {
  private final ClauseContext context;
  private final SortedMap<MemberId, Instant> approvals;

  Conditions(ClauseContext context) {
    this.context = context;
    this.approvals = ApprovalCount.sorted(context.approvals());
  }

  /** When the conditions have held since, or empty if they do not hold now. */
  Optional<Instant> metSince(Clause clause) {
    return switch (clause) {
      case And and -> {
        Instant since = context.openedAt();
        for (Clause term : and.terms()) {
          Optional<Instant> termSince = metSince(term);
          if (termSince.isEmpty()) {
            yield Optional.empty();
          }
          since = Times.max(since, termSince.get());
        }
        yield Optional.of(since);
      }
      case Or or -> {
        Optional<Instant> earliest = Optional.empty();
        for (Clause term : or.terms()) {
          Optional<Instant> termSince = metSince(term);
          if (termSince.isPresent()) {
            earliest =
                Optional.of(
                    earliest.map(e -> Times.min(e, termSince.get())).orElse(termSince.get()));
          }
        }
        yield earliest;
      }
      case If cond ->
          metSince(
              ClauseEvaluator.test(cond.condition(), context) ? cond.then() : cond.otherwise());
      case Approval approval ->
          ApprovalCount.evaluate(approval, context, approvals).isHolding()
              ? Optional.of(context.now())
              : Optional.empty();
      case Vote vote -> {
        if (!VoteCount.tally(context, vote).outcome(vote, context).isHolding()) {
          yield Optional.empty();
        }
        Instant closes = VoteCount.closesAt(vote, context);
        yield Optional.of(context.now().isBefore(closes) ? context.now() : closes);
      }
      case AmountCondition amount ->
          ClauseEvaluator.test(amount, context)
              ? Optional.of(context.openedAt())
              : Optional.empty();
      case Constant constant ->
          constant.value() ? Optional.of(context.openedAt()) : Optional.empty();
      case Timelock ignored -> Optional.of(context.openedAt());
      case Veto ignored -> Optional.of(context.openedAt());
    };
  }
}
