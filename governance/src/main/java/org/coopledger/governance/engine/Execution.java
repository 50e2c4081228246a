package org.coopledger.governance.engine;

import java.time.Instant;
import java.util.Locale;
import org.coopledger.governance.action.Execute;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.ClauseResult;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Split;

/**
 * Executing proposals: checking the governed action against the state (when proposed and again when
 * executed, since the state may have moved), and carrying it out once its clause holds.
 */
final class Execution {
  private Execution() {}

  static String execute(StateMachine.Step step, Execute execute) {
    Proposal p = Proposals.existing(step.before, execute.proposal());
    if (p.status() == ProposalStatus.EXECUTED) {
      throw new Rejection(
          RejectionCode.ALREADY_EXECUTED,
          "proposal " + p.id() + " was already executed at " + Instant.ofEpochMilli(p.closedAt()));
    }
    if (p.status().isClosed()) {
      throw new Rejection(
          RejectionCode.PROPOSAL_CLOSED,
          "proposal " + p.id() + " was closed as " + p.status().name().toLowerCase(Locale.ROOT));
    }
    Clause clause = Clauses.clauseFor(step.before, p);
    long expiresAt = Clauses.expiresAt(clause, p);
    if (step.now > expiresAt) {
      close(step, p, ProposalStatus.EXPIRED);
      return "proposal " + p.id() + " expired at " + Instant.ofEpochMilli(expiresAt);
    }
    ClauseResult result = Clauses.evaluate(step.before, p, step.now);
    if (result.neverHolds()) {
      close(step, p, ProposalStatus.REJECTED);
      return "proposal " + p.id() + " was rejected: " + String.join("; ", result.missing());
    }
    if (!result.holds()) {
      throw new Rejection(
          RejectionCode.CLAUSE_NOT_MET,
          "proposal "
              + p.id()
              + " cannot execute yet ("
              + clause.text()
              + "); still missing: "
              + String.join("; ", result.missing()));
    }
    validate(step.before, p.action().governed());
    String done = effect(step, p.action().governed());
    step.rulesChanged =
        !(p.action().governed() instanceof Governed.Payout
            || p.action().governed() instanceof Governed.PoolPayout
            || p.action().governed() instanceof Governed.DefineDrop
            || p.action().governed() instanceof Governed.TierChange
            || p.action().governed() instanceof Governed.Decision
            || p.action().governed() instanceof Governed.RecoverKey);
    step.next
        .proposals()
        .put(
            p.id(),
            p.withStatus(
                ProposalStatus.EXECUTED,
                result.conditionsMetSince().map(Instant::toEpochMilli).orElse(-1L),
                result.conditionsLapseAt().map(Instant::toEpochMilli).orElse(-1L),
                step.now));
    step.next.tallies(p.id(), null);
    return "executed proposal " + p.id() + ": " + done;
  }

  private static void close(StateMachine.Step step, Proposal p, ProposalStatus status) {
    step.next
        .proposals()
        .put(p.id(), p.withStatus(status, p.conditionsMetAt(), p.conditionsLapseAt(), step.now));
    step.next.tallies(p.id(), null);
  }

  /** Rejects a governed action that cannot take effect in {@code state}. */
  static void validate(CoopState state, Governed governed) {
    switch (governed) {
      case Governed.SplitChange s -> {
        Split.validShares(s.shares());
        for (Share share : s.shares()) {
          if (!MoneyRules.isAccount(state, s, share.member())) {
            activeMember(state, share.member(), "a share");
          }
        }
        for (var tranche : s.recoup()) {
          if (!MoneyRules.isAccount(state, s, tranche.recipient())) {
            activeMember(state, tranche.recipient(), "a recoup tranche");
          }
        }
      }
      case Governed.RouteChange r -> MoneyRules.validate(state, r);
      case Governed.PoolPayout p -> MoneyRules.validate(state, p);
      case Governed.DefineDrop d -> MoneyRules.validate(state, d);
      case Governed.TierChange t -> {}
      case Governed.Expense e -> MoneyRules.validate(state, e);
      case Governed.AdmitMember a -> {
        NewMember m = a.member();
        MemberId owner = state.keyOwners().get(m.publicKey().id());
        if (owner != null) {
          throw new Rejection(
              RejectionCode.KEY_IN_USE,
              "key "
                  + m.publicKey().id()
                  + " already belongs to "
                  + Clauses.describe(owner, state));
        }
        String name = m.displayName().toLowerCase(Locale.ROOT);
        for (Member existing : state.members().values()) {
          if (existing.name().toLowerCase(Locale.ROOT).equals(name)) {
            throw new Rejection(
                RejectionCode.DUPLICATE_MEMBER,
                (existing.active()
                        ? "a member is already called '"
                        : "'"
                            + existing.name()
                            + "' was a member; a removed member's name is"
                            + " retired, so that member("
                            + existing.name()
                            + ") in the rulebook"
                            + " never passes to someone else. Choose another name for '")
                    + m.displayName()
                    + "'");
          }
        }
      }
      case Governed.RemoveMember r -> {
        Member m = activeMember(state, r.member(), "the member to remove");
        if (state.activeMembers().size() == 1) {
          throw new Rejection(
              RejectionCode.LAST_MEMBER,
              m.describe() + " is the last member and cannot be removed");
        }
        MoneyRules.splitWithShare(state, m.id())
            .ifPresent(
                split -> {
                  throw new Rejection(
                      RejectionCode.MEMBER_IN_SPLIT,
                      m.describe()
                          + " has a share in "
                          + split
                          + " (the version in force); change that split first");
                });
      }
      case Governed.ChangeRoles c ->
          activeMember(state, c.member(), "the member whose roles change");
      case Governed.Payout p -> {
        MoneyRules.validatePayee(state, p);
        long balance = state.balances().of(p.member(), p.currency());
        if (p.amountMinor() > balance) {
          throw new Rejection(
              RejectionCode.INSUFFICIENT_BALANCE,
              "the balance of "
                  + Clauses.describe(p.member(), state)
                  + " is "
                  + balance
                  + " "
                  + p.currency()
                  + " minor units; a payout of "
                  + p.amountMinor()
                  + " would exceed it");
        }
      }
      case Governed.RulebookChange r ->
          Network.requirePolicyHolds(Rulebook.parse(r.rulebook()), state.nodes());
      case Governed.Decision d -> {}
      case Governed.NodeChange n -> Network.validate(state, n);
      case Governed.RecoverKey r -> {
        activeMember(state, r.member(), "the member whose key is recovered");
        MemberId owner = state.keyOwners().get(r.newKey().id());
        if (owner != null) {
          throw new Rejection(
              RejectionCode.KEY_IN_USE,
              "key "
                  + r.newKey().id()
                  + " was already used by "
                  + Clauses.describe(owner, state)
                  + "; generate a fresh key");
        }
      }
    }
  }

  static Member activeMember(CoopState state, MemberId id, String what) {
    return state
        .member(id)
        .filter(Member::active)
        .orElseThrow(
            () ->
                new Rejection(
                    RejectionCode.UNKNOWN_MEMBER, what + " names " + id + ", who is not a member"));
  }

  private static String effect(StateMachine.Step step, Governed governed) {
    CoopState.Builder next = step.next;
    return switch (governed) {
      case Governed.SplitChange s -> MoneyRules.adopt(step, s);
      case Governed.RouteChange r -> MoneyRules.route(step, r);
      case Governed.PoolPayout p -> MoneyRules.payOut(step, p);
      case Governed.DefineDrop d -> MoneyRules.define(step, d);
      case Governed.TierChange t -> TierRules.price(step, t);
      case Governed.Expense e -> MoneyRules.reimburse(step, e);
      case Governed.AdmitMember a -> {
        NewMember m = a.member();
        next.members()
            .put(m.id(), new Member(m.id(), m.publicKey(), m.displayName(), m.roles(), 0, true));
        next.keyOwners().put(m.publicKey().id(), m.id());
        yield "admitted " + m.displayName();
      }
      case Governed.RemoveMember r -> {
        Member m = next.members().get(r.member());
        next.members().put(m.id(), m.removed());
        yield "removed " + m.describe();
      }
      case Governed.ChangeRoles c -> {
        Member m = next.members().get(c.member());
        next.members().put(m.id(), m.withRoles(c.roles()));
        yield m.describe() + " now has roles " + c.roles();
      }
      case Governed.Payout p -> {
        next.balances = next.balances.debit(p.member(), p.currency(), p.amountMinor());
        yield "paid "
            + p.amountMinor()
            + " "
            + p.currency()
            + " to "
            + Clauses.describe(p.member(), step.before);
      }
      case Governed.RulebookChange r -> {
        next.rulebook = Rulebook.parse(r.rulebook()).text();
        yield "new rulebook in force";
      }
      case Governed.Decision d -> "decided";
      case Governed.NodeChange n -> {
        var nodes = Network.apply(step.before.nodes(), n, step.before.parsedRulebook());
        next.nodes().clear();
        next.nodes().putAll(nodes);
        yield (n.remove().isEmpty() ? "" : "removed node " + n.remove())
            + (n.remove().isEmpty() || n.add() == null ? "" : ", ")
            + (n.add() == null ? "" : "added node " + n.add().name())
            + "; the network now has nodes "
            + String.join(", ", nodes.keySet());
      }
      case Governed.RecoverKey r -> {
        Member m = next.members().get(r.member());
        next.members().put(m.id(), m.withKey(r.newKey()));
        next.keyOwners().put(r.newKey().id(), m.id());
        yield m.describe() + "'s key was replaced by " + r.newKey().id();
      }
    };
  }
}
