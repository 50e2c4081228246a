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
      List<Share> shares,
      String name,
      List<org.coopledger.governance.split.Account> accounts,
      List<Tranche> recoup)
      implements Governed {
    /** At most this many recoup tranches per split version. */
    public static final int MAX_TRANCHES = 16;

    public SplitChange {
      name = Fields.splitName(name, "split name");
      shares = List.copyOf(Fields.required(shares, "split shares"));
      accounts = List.copyOf(Fields.required(accounts, "split accounts"));
      recoup = List.copyOf(Fields.required(recoup, "split recoup tranches"));
      if (recoup.size() > MAX_TRANCHES) {
        throw new InvalidActionException(
            "a split version has at most " + MAX_TRANCHES + " recoup tranches");
      }
      Set<MemberId> paid = new HashSet<>();
      recoup.forEach(t -> paid.add(t.recipient()));
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
        if (!seen.contains(account.id()) && !paid.contains(account.id())) {
          throw new InvalidActionException(
              "account "
                  + account
                  + " is listed but has no share and no recoup tranche (its id is "
                  + account.id()
                  + ")");
        }
      }
    }

    /** A new version of the split {@code name} without recoup tranches. */
    public SplitChange(
        List<Share> shares, String name, List<org.coopledger.governance.split.Account> accounts) {
      this(shares, name, accounts, List.of());
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

  /**
   * Defines a limited drop: revenue from {@code drop:<name>} then counts units at {@code
   * unitPriceMinor}, only while the sale is open, never past {@code supplyCap}.
   */
  record DefineDrop(
      String name,
      String event,
      long supplyCap,
      long unitPriceMinor,
      String currency,
      long saleOpensAtMillis,
      long saleClosesAtMillis)
      implements Governed {
    public DefineDrop {
      if (!RecordRevenue.isSource("drop:" + name) || name.contains(":") || name.isBlank()) {
        throw new InvalidActionException("drop name '" + name + "' is not a name for drop:<name>");
      }
      event = Fields.text(event, "drop event", Fields.MAX_NAME);
      if (supplyCap < 1) {
        throw new InvalidActionException("a drop's supply cap is at least 1, got " + supplyCap);
      }
      Fields.positiveAmount(unitPriceMinor, "drop unit price");
      Fields.currency(currency);
      if (saleClosesAtMillis <= saleOpensAtMillis) {
        throw new InvalidActionException("a drop's sale must close after it opens");
      }
    }

    @Override
    public String kind() {
      return "drop";
    }
  }

  /**
   * A member's claim for reimbursement (docs/money.md#expenses): {@code amountMinor} of {@code
   * currency}, backed by the document whose SHA-256 is {@code receiptSha256} (64 lowercase hex).
   * Paid from the pool named {@code pool}, or — {@code pool} empty — before the split named {@code
   * beforeSplit} ("" = the default split): it becomes a recoup tranche for the claimant there.
   * Decided under the rulebook's {@code expense} clause.
   */
  record Expense(
      MemberId claimant,
      long amountMinor,
      String currency,
      String receiptSha256,
      String pool,
      String beforeSplit)
      implements Governed {
    public Expense {
      Fields.required(claimant, "expense claimant");
      Fields.positiveAmount(amountMinor, "expense amount");
      Fields.currency(currency);
      if (receiptSha256 == null || !isSha256Hex(receiptSha256)) {
        throw new InvalidActionException(
            "BAD_RECEIPT_HASH",
            "the receipt must be named by the SHA-256 of its document as 64 lowercase hex"
                + " characters (coop propose expense --receipt FILE hashes it)");
      }
      pool = pool == null ? "" : pool;
      beforeSplit = Fields.splitName(beforeSplit, "expense split");
      if (!pool.isEmpty()) {
        try {
          new org.coopledger.governance.split.Account(
              org.coopledger.governance.split.Account.Kind.POOL, pool);
        } catch (IllegalArgumentException e) {
          throw new InvalidActionException("expense pool: " + e.getMessage());
        }
        if (!beforeSplit.isEmpty()) {
          throw new InvalidActionException(
              "an expense is paid from a pool or before a split, not both");
        }
      }
    }

    private static boolean isSha256Hex(String s) {
      if (s.length() != 64) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
          return false;
        }
      }
      return true;
    }

    /** Whether it is paid from a pool (else before a split). */
    public boolean fromPool() {
      return !pool.isEmpty();
    }

    /** The pool it is paid from; only if {@link #fromPool()}. */
    public org.coopledger.governance.split.Account account() {
      return new org.coopledger.governance.split.Account(
          org.coopledger.governance.split.Account.Kind.POOL, pool);
    }

    /**
     * The recoup tranche it becomes before the split: for the claimant, labelled by its receipt.
     */
    public Tranche tranche() {
      return new Tranche(
          claimant, amountMinor, currency, "expense " + receiptSha256.substring(0, 16));
    }

    @Override
    public String kind() {
      return "expense";
    }
  }

  /**
   * Sets the price list of the membership tier {@code tier} (docs/money.md#tiers), defining it if
   * it is new: one price per region, each for one subscriber-month. Revenue from {@code
   * subscription:<tier>} then names a region and counts subscriber-months at that region's price.
   * The new list replaces the old one whole (a region left out is no longer sold).
   */
  record TierChange(String tier, List<RegionPrice> prices) implements Governed {
    /** At most this many regions per tier. */
    public static final int MAX_REGIONS = 64;

    private static final java.util.regex.Pattern TIER =
        java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public TierChange {
      if (!isTier(tier)) {
        throw new InvalidActionException(
            "tier name '"
                + tier
                + "' is not a name for subscription:<tier> (lower-case letters, digits, '.', '_'"
                + " or '-', at most 64, starting with a letter or digit)");
      }
      Fields.required(prices, "tier prices");
      if (prices.isEmpty() || prices.size() > MAX_REGIONS) {
        throw new InvalidActionException(
            "a tier has a price in 1 to " + MAX_REGIONS + " regions, got " + prices.size());
      }
      java.util.TreeMap<String, RegionPrice> byRegion = new java.util.TreeMap<>();
      for (RegionPrice price : prices) {
        Fields.required(price, "tier price");
        if (byRegion.put(price.region(), price) != null) {
          throw new InvalidActionException(
              "region '" + price.region() + "' has two prices in tier " + tier);
        }
      }
      prices = List.copyOf(byRegion.values());
    }

    /** Whether {@code name} is a tier name (the detail of {@code subscription:<tier>}). */
    public static boolean isTier(String name) {
      return name != null && TIER.matcher(name).matches();
    }

    @Override
    public String kind() {
      return "tier";
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

  /**
   * Changes the network: removes the node called {@code remove} ("" = none) and adds {@code add}
   * (null = none); both = a replacement (a new key, a new address, or another node).
   */
  record NodeChange(String remove, NetworkNode add) implements Governed {
    public NodeChange {
      remove = remove == null ? "" : remove;
      if (remove.isEmpty() && add == null) {
        throw new InvalidActionException("a node change removes a node, adds one, or both");
      }
    }

    @Override
    public String kind() {
      return "nodes";
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
