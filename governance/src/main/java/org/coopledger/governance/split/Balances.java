package org.coopledger.governance.split;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.crypto.MemberId;

/**
 * What the co-op owes each member, per currency, in minor units. Immutable; never negative; zero
 * balances are not stored (so equal balances have one representation).
 */
public final class Balances {
  private static final Balances EMPTY = new Balances(new TreeMap<>());

  private final SortedMap<MemberId, SortedMap<String, Long>> byMember;

  private Balances(SortedMap<MemberId, SortedMap<String, Long>> byMember) {
    this.byMember = byMember;
  }

  public static Balances empty() {
    return EMPTY;
  }

  /** Balances from a member -> currency -> amount map (zero amounts dropped). */
  public static Balances of(Map<MemberId, ? extends Map<String, Long>> amounts) {
    Balances out = EMPTY;
    for (var member : amounts.entrySet()) {
      for (var amount : member.getValue().entrySet()) {
        out = out.credit(member.getKey(), amount.getKey(), amount.getValue());
      }
    }
    return out;
  }

  /** The balance of {@code member} in {@code currency}; 0 if none. */
  public long of(MemberId member, String currency) {
    SortedMap<String, Long> m = byMember.get(member);
    return m == null ? 0 : m.getOrDefault(currency, 0L);
  }

  /** Member id -> currency -> amount, both sorted; no zero amounts. */
  public SortedMap<MemberId, SortedMap<String, Long>> asMap() {
    return Collections.unmodifiableSortedMap(byMember);
  }

  /**
   * Adds {@code amount} (>= 0).
   *
   * @throws SplitException {@code AMOUNT_TOO_LARGE} if the balance would overflow
   */
  public Balances credit(MemberId member, String currency, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("credit a non-negative amount");
    }
    long now = of(member, currency);
    if (now > Long.MAX_VALUE - amount) {
      throw new SplitException(
          "AMOUNT_TOO_LARGE",
          "the balance of " + member + " in " + currency + " would exceed the largest amount");
    }
    return with(member, currency, now + amount);
  }

  /**
   * Takes {@code amount} (> 0) away.
   *
   * @throws SplitException {@code INSUFFICIENT_BALANCE} if the balance is smaller
   */
  public Balances debit(MemberId member, String currency, long amount) {
    long now = of(member, currency);
    if (amount > now) {
      throw new SplitException(
          "INSUFFICIENT_BALANCE",
          "the balance of "
              + member
              + " is "
              + now
              + " "
              + currency
              + " minor units; a payout of "
              + amount
              + " would exceed it");
    }
    return with(member, currency, now - amount);
  }

  private Balances with(MemberId member, String currency, long amount) {
    SortedMap<MemberId, SortedMap<String, Long>> copy = new TreeMap<>(byMember);
    SortedMap<String, Long> m = new TreeMap<>(copy.getOrDefault(member, new TreeMap<>()));
    if (amount == 0) {
      m.remove(currency);
    } else {
      m.put(currency, amount);
    }
    if (m.isEmpty()) {
      copy.remove(member);
    } else {
      copy.put(member, Collections.unmodifiableSortedMap(m));
    }
    return new Balances(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Balances other && byMember.equals(other.byMember);
  }

  @Override
  public int hashCode() {
    return byMember.hashCode();
  }

  @Override
  public String toString() {
    return "balances " + byMember;
  }
}
