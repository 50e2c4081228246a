package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.coopledger.governance.action.Approve;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Execute;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.action.Veto;
import org.coopledger.governance.action.WithdrawApproval;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.ClauseResult;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Distribution;
import org.coopledger.governance.split.Split;

/** Applies an action whose envelope checks passed. Changes only {@code step.next}. */
final class Actions {
  private Actions() {}

  /** Applies the action and returns a one-line summary. */
  static String apply(StateMachine.Step step) {
    return switch (step.entry.entry().action()) {
      case Genesis g -> throw new IllegalStateException("genesis is applied by the state machine");
      case RotateKey r -> rotateKey(step, r);
      case RecordRevenue r -> recordRevenue(step, r);
      case CreateProposal p -> Proposals.create(step, p);
      case CastVote v -> Proposals.vote(step, v);
      case Approve a -> Proposals.approve(step, a);
      case WithdrawApproval w -> Proposals.withdraw(step, w);
      case Veto v -> Proposals.veto(step, v);
      case Execute e -> Execution.execute(step, e);
    };
  }

  private static String rotateKey(StateMachine.Step step, RotateKey rotate) {
    KeyId newId = rotate.newKey().id();
    MemberId owner = step.before.keyOwners().get(newId);
    if (owner != null) {
      throw new Rejection(
          RejectionCode.KEY_IN_USE,
          "key "
              + newId
              + " was already used by "
              + Clauses.describe(owner, step.before)
              + "; generate a fresh key");
    }
    Member author = step.author;
    step.next.members().put(author.id(), author.withKey(rotate.newKey()));
    step.next.keyOwners().put(newId, author.id());
    return author.describe() + " rotated key " + author.key().id() + " to " + newId;
  }

  private static String recordRevenue(StateMachine.Step step, RecordRevenue revenue) {
    // Revenue credits balances that payouts then draw on: the rulebook's revenue clause says who
    // may record it, judged at once from the members who signed the entry.
    List<MemberId> signers = new ArrayList<>();
    for (var signature : step.entry.signatures()) {
      step.before.memberWithCurrentKey(signature.keyId()).ifPresent(m -> signers.add(m.id()));
    }
    Clause clause = step.before.parsedRulebook().clause(ActionKind.REVENUE);
    ClauseResult result =
        clause.evaluate(new RevenueContext(step.before, step.now, signers, revenue));
    if (!result.holds()) {
      throw new Rejection(
          RejectionCode.NOT_ALLOWED,
          "the rulebook's revenue clause ("
              + clause.text()
              + ") does not hold for an entry signed by "
              + String.join(
                  ", ", signers.stream().map(k -> Clauses.describe(k, step.before)).toList())
              + ": "
              + String.join("; ", result.missing())
              + " (co-signers add their signatures with coop sign before it is submitted)");
    }
    TierRules.subscribe(step, revenue);
    MoneyRules.sell(step, revenue);
    // Routing picks the split; a route only ever names a split that exists.
    String splitName = step.before.splitNameFor(revenue.source());
    Split split =
        step.before
            .split(splitName)
            .orElseThrow(
                () ->
                    new Rejection(
                        RejectionCode.NO_SPLIT,
                        "the co-op has no revenue split yet; adopt one with a split proposal"));
    // Recoup tranches first (in order, in the revenue's currency), then the rest by shares.
    long rest = MoneyRules.recoup(step, splitName, split.version(), revenue);
    SortedMap<MemberId, Long> parts = Distribution.distribute(rest, split.shares());
    for (Map.Entry<MemberId, Long> part : parts.entrySet()) {
      step.next.balances =
          step.next.balances.credit(part.getKey(), revenue.currency(), part.getValue());
    }
    return "recorded "
        + revenue.amountMinor()
        + " "
        + revenue.currency()
        + " from "
        + revenue.source()
        + " over split "
        + (splitName.isEmpty() ? "" : splitName + " ")
        + "v"
        + split.version();
  }
}
