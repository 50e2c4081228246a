package org.coopledger.governance.clause;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of governed action, each with one clause in the {@link Rulebook}. In rulebook text a
 * kind is written in lowercase with '-' for '_' ({@code change-roles}).
 */
public enum ActionKind {
  /** Change the revenue split. Beneficiaries: every member whose share changes (old or new). */
  SPLIT,
  /** Pay out from a member's balance. Beneficiary: the recipient. Has an amount and currency. */
  PAYOUT,
  /**
   * Record revenue (not a proposal): judged at once from the entry's signers (its author and any
   * co-signers), who are its approvers. Has an amount and currency; no beneficiaries.
   */
  REVENUE,
  /** Admit a member. Beneficiary: the member admitted. */
  ADMIT,
  /** Remove a member. Beneficiary: the member removed. */
  REMOVE,
  /** Change a member's roles. Beneficiary: that member. */
  CHANGE_ROLES,
  /** Replace the rulebook. No beneficiaries. */
  RULEBOOK,
  /** A plain decision (text) for the co-op's other choices. No beneficiaries. */
  DECISION,
  /** Replace a member's lost or stolen key. Beneficiary: that member (the subject). */
  RECOVER_KEY,
  /**
   * Pay out of a co-op pool to an outside payee. No beneficiaries; has an amount and currency.
   * Optional: a rulebook without a {@code pool-payout} line cannot pay pools out (its clause is
   * {@code never}).
   */
  POOL_PAYOUT,
  /** Define a limited drop (supply cap, price, sale window). No beneficiaries. Optional. */
  DROP,
  /**
   * Add, remove or replace a node of the co-op's network. No beneficiaries. Optional: a co-op
   * founded before networks, or without one, cannot change its nodes.
   */
  NODES,
  /**
   * A member's expense claim, paid from a pool or repaid before a split. Beneficiary: the claimant.
   * Optional: a rulebook without an {@code expense} line reimburses no expenses.
   */
  EXPENSE,
  /**
   * Define a membership tier or change its regional price list. No beneficiaries: a price moves
   * nobody's money (revenue is still recorded under the revenue clause and divided by the split its
   * route names), so {@code all(beneficiaries)} never holds for it; a vote or treasurers do.
   * Optional: a rulebook without a {@code tier} line defines no tiers.
   */
  TIER;

  /**
   * Whether a rulebook may leave this kind out: kinds added after the first ledgers, so that their
   * rulebooks still parse (and print) as before. Left out, the kind's clause is {@code never}.
   */
  public boolean optional() {
    return this == POOL_PAYOUT || this == DROP || this == NODES || this == EXPENSE || this == TIER;
  }

  /**
   * Whether a proposal of this kind can have beneficiaries (see each kind): for one that never has,
   * {@code all(beneficiaries)} is never met and {@code vote(of=beneficiaries)} has no voters.
   */
  public boolean hasBeneficiaries() {
    return switch (this) {
      case SPLIT, PAYOUT, ADMIT, REMOVE, CHANGE_ROLES, RECOVER_KEY, EXPENSE -> true;
      case REVENUE, RULEBOOK, DECISION, POOL_PAYOUT, DROP, NODES, TIER -> false;
    };
  }

  /** The kind as written in rulebook text, e.g. {@code change-roles}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind written as {@code text}, if any. */
  public static Optional<ActionKind> ofText(String text) {
    for (ActionKind kind : values()) {
      if (kind.text().equals(text)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
