package org.coopledger.governance.split;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.action.Tranche;
import org.coopledger.governance.crypto.MemberId;

/**
 * The recoup tranches of one split version and what each is still owed (docs/money.md#recoup).
 * Revenue divided over that version pays the open tranches in its currency in order, then the rest
 * is divided by shares. A tranche with nothing owed stays listed, as repaid. Immutable.
 */
public record Recoup(int version, List<Owed> tranches) {
  /** A tranche and the minor units still owed on it (0 = repaid). */
  public record Owed(Tranche tranche, long owedMinor) {
    public Owed {
      if (owedMinor < 0 || owedMinor > tranche.amountMinor()) {
        throw new IllegalArgumentException("owed must be between 0 and the tranche's amount");
      }
    }
  }

  /** What {@link #pay} did: the credits to make, in tranche order, and the recoup afterwards. */
  public record Paid(List<Credit> credits, long restMinor, Recoup after) {}

  /** One tranche's credit from a revenue entry. */
  public record Credit(MemberId recipient, long amountMinor) {}

  public Recoup {
    tranches = List.copyOf(tranches);
  }

  /** Version {@code version}'s tranches, nothing repaid yet. */
  public static Recoup fresh(int version, List<Tranche> tranches) {
    return new Recoup(version, tranches.stream().map(t -> new Owed(t, t.amountMinor())).toList());
  }

  /** These tranches with {@code tranche} added last (an expense to repay before the split). */
  public Recoup plus(Tranche tranche) {
    List<Owed> t = new ArrayList<>(tranches);
    t.add(new Owed(tranche, tranche.amountMinor()));
    return new Recoup(version, t);
  }

  /**
   * Pays {@code amountMinor} of {@code currency} into the tranches: each open tranche in that
   * currency, in order, takes what it is still owed or what is left, whichever is less. The rest is
   * what the shares divide.
   */
  public Paid pay(long amountMinor, String currency) {
    long rest = amountMinor;
    List<Credit> credits = new ArrayList<>();
    List<Owed> after = new ArrayList<>(tranches.size());
    for (Owed owed : tranches) {
      long take = owed.tranche().currency().equals(currency) ? Math.min(owed.owedMinor(), rest) : 0;
      if (take > 0) {
        credits.add(new Credit(owed.tranche().recipient(), take));
        rest -= take;
        after.add(new Owed(owed.tranche(), owed.owedMinor() - take));
      } else {
        after.add(owed);
      }
    }
    return new Paid(
        List.copyOf(credits), rest, credits.isEmpty() ? this : new Recoup(version, after));
  }
}
