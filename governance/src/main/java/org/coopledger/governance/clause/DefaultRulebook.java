package org.coopledger.governance.clause;

import java.util.EnumMap;
import java.util.Map;

/**
 * The rulebook of a co-op founded without one (documented in {@code docs/clauses.md}). Genesis
 * stores the full text, so changing these defaults later never changes an existing ledger.
 */
public final class DefaultRulebook {
  /** Every creator whose share changes approves with their own key, plus a member majority. */
  public static final String SPLIT =
      "all(beneficiaries) & vote(quorum=50%, approve>50%, window=7d)";

  /**
   * Two treasurers, never counting the recipient or the author; above 1 000.00 (100 000 minor
   * units) also an auditor.
   */
  public static final String PAYOUT =
      "if amount > 100000 then 2 of role(treasurer) & any(role(auditor)) else 2 of role(treasurer)";

  /** One treasurer records revenue (their own signature on the entry). */
  public static final String REVENUE = "1 of role(treasurer)";

  /** A member majority with a quorum of half the members. */
  public static final String MAJORITY = "vote(quorum=50%, approve>50%, window=7d)";

  /** Two thirds of the votes cast, then 48 hours before it takes effect. */
  public static final String RULEBOOK = "vote(quorum=50%, approve>=2/3, window=7d) & timelock(48h)";

  /**
   * A member majority, then 72 hours in which the member whose key is replaced (the beneficiary)
   * may veto: a thief who proposes to take over a key is stopped by its real owner.
   */
  public static final String RECOVER_KEY =
      "vote(quorum=50%, approve>50%, window=7d) & timelock(72h) & veto(beneficiaries, 72h)";

  /**
   * A network's nodes change as the rulebook does: two thirds of the votes cast, then 48 hours (a
   * node added by a bare majority could sign checkpoints that the co-op's witness policy counts).
   */
  public static final String NODES = RULEBOOK;

  private static final Rulebook DEFAULTS = build();

  private DefaultRulebook() {}

  /** The default rulebook. */
  public static Rulebook rulebook() {
    return DEFAULTS;
  }

  /**
   * The rulebook of a co-op founded without one but with a network of {@code nodes} nodes: the
   * default rulebook, a {@code nodes} clause ({@link #NODES}) and a majority of the nodes as
   * witnesses.
   */
  public static Rulebook forNetwork(int nodes) {
    return DEFAULTS.with(ActionKind.NODES, Clause.parse(NODES)).withWitnesses(nodes / 2 + 1);
  }

  private static Rulebook build() {
    Map<ActionKind, Clause> clauses = new EnumMap<>(ActionKind.class);
    clauses.put(ActionKind.SPLIT, Clause.parse(SPLIT));
    clauses.put(ActionKind.PAYOUT, Clause.parse(PAYOUT));
    clauses.put(ActionKind.REVENUE, Clause.parse(REVENUE));
    clauses.put(ActionKind.ADMIT, Clause.parse(MAJORITY));
    clauses.put(ActionKind.REMOVE, Clause.parse(MAJORITY));
    clauses.put(ActionKind.CHANGE_ROLES, Clause.parse(MAJORITY));
    clauses.put(ActionKind.RULEBOOK, Clause.parse(RULEBOOK));
    clauses.put(ActionKind.DECISION, Clause.parse(MAJORITY));
    clauses.put(ActionKind.RECOVER_KEY, Clause.parse(RECOVER_KEY));
    return new Rulebook(clauses);
  }
}
