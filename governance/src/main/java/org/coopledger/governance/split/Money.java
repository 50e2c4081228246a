package org.coopledger.governance.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.crypto.MemberId;

/**
 * The co-op's money model beyond the default split: named splits (each a list of versions, oldest
 * first), the routing rules that send a revenue source to one of them, and the accounts that are
 * not members (pools and guests, by account id) that splits give shares to, the drops, the recoup
 * tranches still owed and the membership tiers with their regional price lists. Immutable.
 *
 * <p>Routing (docs/money.md): a source's revenue goes to the split its own route names ({@code
 * drop:summer -> drop:summer}); without one, to the split its kind's wildcard route names ({@code
 * subscription:* -> membership}); without one, to the default split. A route names an existing
 * split, and named splits are never deleted, so a route always leads somewhere.
 */
public record Money(
    SortedMap<String, List<Split>> splits,
    SortedMap<String, String> routes,
    SortedMap<MemberId, Account> accounts,
    SortedMap<String, Drop> drops,
    SortedMap<String, Recoup> recoups,
    SortedMap<String, Tier> tiers) {
  /** The name by which the default split is shown (it has no name on the wire). */
  public static final String DEFAULT_SPLIT = "";

  private static final Money EMPTY =
      new Money(
          new TreeMap<>(),
          new TreeMap<>(),
          new TreeMap<>(),
          new TreeMap<>(),
          new TreeMap<>(),
          new TreeMap<>());

  public Money {
    SortedMap<String, List<Split>> s = new TreeMap<>();
    splits.forEach((name, versions) -> s.put(name, List.copyOf(versions)));
    splits = Collections.unmodifiableSortedMap(s);
    routes = Collections.unmodifiableSortedMap(new TreeMap<>(routes));
    accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
    drops = Collections.unmodifiableSortedMap(new TreeMap<>(drops));
    recoups = Collections.unmodifiableSortedMap(new TreeMap<>(recoups));
    tiers = Collections.unmodifiableSortedMap(new TreeMap<>(tiers));
  }

  /** Money without recoup tranches. */
  public Money(
      SortedMap<String, List<Split>> splits,
      SortedMap<String, String> routes,
      SortedMap<MemberId, Account> accounts,
      SortedMap<String, Drop> drops) {
    this(splits, routes, accounts, drops, new TreeMap<>(), new TreeMap<>());
  }

  public static Money empty() {
    return EMPTY;
  }

  /** Whether the co-op uses nothing but the default split (without recoup tranches or tiers). */
  public boolean isEmpty() {
    return splitsRoutesAccountsDropsEmpty() && recoups.isEmpty() && tiers.isEmpty();
  }

  /**
   * Whether there are no named splits, routes, accounts or drops (the state encoding's money
   * section; recoup tranches are a section of their own).
   */
  public boolean splitsRoutesAccountsDropsEmpty() {
    return splits.isEmpty() && routes.isEmpty() && accounts.isEmpty() && drops.isEmpty();
  }

  /**
   * The recoup tranches of the version in force of split {@code name} ("" = the default split), if
   * it has any.
   */
  public Optional<Recoup> recoup(String name) {
    return Optional.ofNullable(recoups.get(name));
  }

  /** A copy in which split {@code name}'s tranches are {@code recoup} (null: it has none). */
  public Money withRecoup(String name, Recoup recoup) {
    SortedMap<String, Recoup> r = new TreeMap<>(recoups);
    if (recoup == null) {
      r.remove(name);
    } else {
      r.put(name, recoup);
    }
    return new Money(splits, routes, accounts, drops, r, tiers);
  }

  /** The membership tier named {@code name}, if the co-op has defined it. */
  public Optional<Tier> tier(String name) {
    return Optional.ofNullable(tiers.get(name));
  }

  /** A copy with {@code tier} (new, or with a new price list). */
  public Money withTier(Tier tier) {
    SortedMap<String, Tier> t = new TreeMap<>(tiers);
    t.put(tier.name(), tier);
    return new Money(splits, routes, accounts, drops, recoups, t);
  }

  /** The version in force of the split named {@code name} (not the default split). */
  public Optional<Split> split(String name) {
    List<Split> versions = splits.get(name);
    return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  /** A copy with {@code split} as the newest version of the split named {@code name}. */
  public Money withSplit(String name, Split split) {
    SortedMap<String, List<Split>> s = new TreeMap<>(splits);
    List<Split> versions = new ArrayList<>(s.getOrDefault(name, List.of()));
    versions.add(split);
    s.put(name, versions);
    return new Money(s, routes, accounts, drops, recoups, tiers);
  }

  /** A copy with the route changed as {@code change} says. */
  public Money withRoute(Governed.RouteChange change) {
    SortedMap<String, String> r = new TreeMap<>(routes);
    if (change.remove()) {
      r.remove(change.source());
    } else {
      r.put(change.source(), change.split());
    }
    return new Money(splits, r, accounts, drops, recoups, tiers);
  }

  /** A copy in which {@code added} are known accounts (pools and guests). */
  public Money withAccounts(List<Account> added) {
    SortedMap<MemberId, Account> a = new TreeMap<>(accounts);
    added.forEach(account -> a.put(account.id(), account));
    return new Money(splits, routes, a, drops, recoups, tiers);
  }

  /** A copy with {@code drop} (new, or with more units sold). */
  public Money withDrop(Drop drop) {
    SortedMap<String, Drop> d = new TreeMap<>(drops);
    d.put(drop.name(), drop);
    return new Money(splits, routes, accounts, d, recoups, tiers);
  }

  /** The account (pool or guest) whose id is {@code id}, if the co-op knows it. */
  public Optional<Account> account(MemberId id) {
    return Optional.ofNullable(accounts.get(id));
  }

  /** The name of the split the revenue of {@code source} goes to ("" = the default split). */
  public String splitFor(String source) {
    String exact = routes.get(source);
    if (exact != null) {
      return exact;
    }
    return routes.getOrDefault(RecordRevenue.kindOf(source) + ":*", DEFAULT_SPLIT);
  }

  /**
   * The split that the revenue a route pattern governs goes to now: for one source, as {@link
   * #splitFor}; for a kind's wildcard, its own route or the default split (sources of the kind with
   * a route of their own are not affected by the wildcard).
   */
  public String targetOf(String pattern) {
    if (Governed.RouteChange.isWildcard(pattern)) {
      return routes.getOrDefault(pattern, DEFAULT_SPLIT);
    }
    return splitFor(pattern);
  }

  /** The split the revenue a route pattern governs goes to once {@code change} is in force. */
  public String targetAfter(Governed.RouteChange change) {
    return withRoute(change).targetOf(change.source());
  }
}
