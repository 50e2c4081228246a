package org.coopledger.governance.clause;

import java.util.regex.Pattern;

/**
 * A set of members whose approvals (or vetoes) a clause counts. Resolved against the ledger state
 * at evaluation time, so a member admitted or given a role later counts from then on.
 */
public sealed interface Group {
  /** Role names: lowercase, as they appear in genesis and role changes. */
  Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  /** Every current holder of a role, e.g. {@code role(treasurer)}. */
  record Role(String name) implements Group {
    public Role {
      if (name == null || !ROLE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a role name is a lowercase letter then up to 63 of a-z 0-9 _ -, got '" + name + "'");
      }
    }
  }

  /**
   * One member, named by key id (32 hex characters) or display name, e.g. {@code member(alice)}.
   * The state machine resolves the reference; a reference to nobody is never satisfied.
   */
  record Member(String ref) implements Group {
    public Member {
      if (ref == null || ref.isBlank() || ref.length() > 200) {
        throw new IllegalArgumentException("a member reference is 1 to 200 characters");
      }
      if (ref.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("a member reference has no control characters");
      }
    }
  }

  /**
   * The members an action benefits: whose share a split changes (old or new), a payout's recipient,
   * the member admitted, removed or whose roles change. Never excluded by separation of duties:
   * {@code all(beneficiaries)} asks exactly them.
   */
  record Beneficiaries() implements Group {}

  /** Every current member. */
  record AllMembers() implements Group {}

  /**
   * Whether separation of duties applies: approvals from the author or a beneficiary do not count
   * for this group. Groups that name the interested parties themselves are exempt.
   */
  default boolean separatesDuties() {
    return this instanceof Role || this instanceof AllMembers;
  }
}
