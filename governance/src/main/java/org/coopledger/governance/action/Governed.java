package org.coopledger.governance.action;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coopledger.governance.crypto.MemberId;

/** What a proposal does when it is executed. Its clause comes from the rulebook by kind. */
public sealed interface Governed {

  /** The rulebook's name for this kind of action. */
  String kind();

  /**
   * Adopts a new version of a split: the default split ({@code name} empty) or a named one that
   * routing rules send revenue to. Shares sum to 10 000 basis points, one per member.
   */
  record SplitChange(
      List<Share> shares, String name, List<org.coopledger.governance.split.Account> accounts)
      implements Governed {
    public SplitChange {
      name = Fields.splitName(name, "split name");
      shares = List.copyOf(Fields.required(shares, "split shares"));
      accounts = List.copyOf(Fields.required(accounts, "split accounts"));
      Set<MemberId> seen = new HashSet<>();
      for (Share share : shares) {
        if (!seen.add(share.member())) {
          throw new InvalidActionException(
              "member " + share.member() + " appears twice in the split");
        }
      }
      Set<MemberId> listed = new HashSet<>();
      for (var account : accounts) {
        if (!listed.add(account.id())) {
          throw new InvalidActionException("account " + account + " is listed twice");
        }
        if (!seen.contains(account.id())) {
          throw new InvalidActionException(
              "account "
                  + account
                  + " is listed but has no share (its id is "
                  + account.id()
                  + ")");
        }
      }
    }

    /** A new version of the split {@code name} whose shares go to members only. */
    public SplitChange(List<Share> shares, String name) {
      this(shares, name, List.of());
    }

    /** A new version of the default split. */
    public SplitChange(List<Share> shares) {
      this(shares, "", List.of());
    }

    @Override
    public String kind() {
      return "split";
    }
  }

  /**
   * Routes the revenue of {@code source} (one source, or {@code kind:*} for every source of a kind)
   * to the split named {@code split} ("" for the default split); {@code remove} drops the route so
   * the source falls back to its kind's route or the default split. Decided under the split clause.
   */
  record RouteChange(String source, String split, boolean remove) implements Governed {
    public RouteChange {
      if (!isRoutePattern(source)) {
        throw new InvalidActionException(
            "route source '"
                + source
                + "' must be a revenue source (drop:<name>, subscription:gold, workshop, ...) or"
                + " a kind's wildcard (subscription:*, drop:*, sponsorship:*, workshop:*)");
      }
      split = Fields.splitName(split, "route split");
      if (remove && !split.isEmpty()) {
        throw new InvalidActionException("a route that is removed names no split");
      }
    }

    /** Whether {@code pattern} is {@code kind:*} for a revenue source kind. */
    public static boolean isWildcard(String pattern) {
      return pattern != null
          && pattern.endsWith(":*")
          && java.util.List.of("subscription", "sponsorship", "workshop", "drop")
              .contains(pattern.substring(0, pattern.length() - 2));
    }

    /** Whether {@code pattern} is a revenue source or a kind's wildcard. */
    public static boolean isRoutePattern(String pattern) {
      return isWildcard(pattern) || RecordRevenue.isSource(pattern);
    }

    @Override
    public String kind() {
      return "split";
    }
  }

  /**
   * Pays {@code amountMinor} of {@code currency} out of the pool named {@code pool} to an outside
   * payee, under the rulebook's {@code pool-payout} clause.
   */
  record PoolPayout(String pool, long amountMinor, String currency, String payee, String reference)
      implements Governed {
    public PoolPayout {
      try {
        new org.coopledger.governance.split.Account(
            org.coopledger.governance.split.Account.Kind.POOL, pool);
      } catch (IllegalArgumentException e) {
        throw new InvalidActionException("pool: " + e.getMessage());
      }
      Fields.positiveAmount(amountMinor, "pool payout amount");
      Fields.currency(currency);
      payee = Fields.name(payee, "pool payout payee", Fields.MAX_NAME);
      reference = Fields.text(reference, "pool payout reference", Fields.MAX_NAME);
    }

    /** The pool paid out of. */
    public org.coopledger.governance.split.Account account() {
      return new org.coopledger.governance.split.Account(
          org.coopledger.governance.split.Account.Kind.POOL, pool);
    }

    @Override
    public String kind() {
      return "pool-payout";
    }
  }

  /** Admits a new member. */
  record AdmitMember(NewMember member) implements Governed {
    public AdmitMember {
      Fields.required(member, "new member");
    }

    @Override
    public String kind() {
      return "admit";
    }
  }

  /** Removes a member; their key is dead from then on, their balance stays payable. */
  record RemoveMember(MemberId member) implements Governed {
    public RemoveMember {
      Fields.required(member, "member to remove");
    }

    @Override
    public String kind() {
      return "remove";
    }
  }

  /** Replaces a member's roles. */
  record ChangeRoles(MemberId member, List<String> roles) implements Governed {
    public ChangeRoles {
      Fields.required(member, "member whose roles change");
      roles = Fields.roles(roles, "new roles");
    }

    @Override
    public String kind() {
      return "change-roles";
    }
  }

  /** Pays a member out of their balance in one currency. */
  record Payout(MemberId member, long amountMinor, String currency, String reference)
      implements Governed {
    public Payout {
      Fields.required(member, "payout beneficiary");
      Fields.positiveAmount(amountMinor, "payout amount");
      Fields.currency(currency);
      reference = Fields.text(reference, "payout reference", Fields.MAX_NAME);
    }

    @Override
    public String kind() {
      return "payout";
    }
  }

  /** Replaces the rulebook text. */
  record RulebookChange(String rulebook) implements Governed {
    public RulebookChange {
      rulebook = Fields.name(rulebook, "rulebook", Fields.MAX_RULEBOOK);
    }

    @Override
    public String kind() {
      return "rulebook";
    }
  }

  /**
   * Gives a member a new key when they lost theirs or it was stolen: from its execution on the old
   * key is dead. Decided by the co-op under the rulebook's {@code recover-key} clause.
   */
  record RecoverKey(MemberId member, org.coopledger.governance.crypto.PublicKey newKey)
      implements Governed {
    public RecoverKey {
      Fields.required(member, "member whose key is recovered");
      Fields.required(newKey, "new public key");
    }

    @Override
    public String kind() {
      return "recover-key";
    }
  }

  /** A plain decision: the proposal's title and text are what is decided. */
  record Decision() implements Governed {
    @Override
    public String kind() {
      return "decision";
    }
  }
}
