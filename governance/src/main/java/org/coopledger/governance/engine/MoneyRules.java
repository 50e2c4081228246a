package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Account;
import org.coopledger.governance.split.Drop;
import org.coopledger.governance.split.Recoup;
import org.coopledger.governance.split.Split;

/**
 * The rules of named splits, routing, pools and guests (docs/money.md): what a split, route or pool
 * payout needs to be valid, whom it benefits, and what it does.
 *
 * <p>Who benefits decides who must approve under {@code all(beneficiaries)}: every member whose
 * part of some revenue changes. For a split change, the members whose share in that split changes;
 * for a route change, the members whose share differs between the split the routed revenue goes to
 * now and the one it would go to. A member therefore cannot redirect revenue away from anyone, nor
 * towards themselves, without the approval of everyone it moves money from or to.
 */
final class MoneyRules {
  private MoneyRules() {}

  /**
   * The members whose part changes if {@code change} is adopted, sorted. Recoup tranches (new ones,
   * or the version in force's, which a new version ends) come before every share, so when either
   * version has any, every member with a share in either version and every member a tranche pays is
   * a beneficiary.
   */
  static List<MemberId> beneficiaries(CoopState state, Governed.SplitChange change) {
    List<Share> before = shares(state, change.name());
    var recoup = state.money().recoup(change.name());
    if (change.recoup().isEmpty() && recoup.isEmpty()) {
      return changed(state, before, change.shares());
    }
    TreeSet<MemberId> all = new TreeSet<>();
    before.forEach(s -> all.add(s.member()));
    change.shares().forEach(s -> all.add(s.member()));
    change.recoup().forEach(t -> all.add(t.recipient()));
    recoup.ifPresent(r -> r.tranches().forEach(o -> all.add(o.tranche().recipient())));
    return all.stream().filter(k -> state.member(k).isPresent()).toList();
  }

  /**
   * Pays the open recoup tranches of split {@code splitName} (version {@code version}) out of
   * {@code revenue}, crediting each recipient; returns what is left for the shares.
   */
  static long recoup(StateMachine.Step step, String splitName, int version, RecordRevenue revenue) {
    var recoup = step.next.money().recoup(splitName).filter(r -> r.version() == version);
    if (recoup.isEmpty()) {
      return revenue.amountMinor();
    }
    Recoup.Paid paid = recoup.get().pay(revenue.amountMinor(), revenue.currency());
    for (Recoup.Credit credit : paid.credits()) {
      step.next.balances =
          step.next.balances.credit(credit.recipient(), revenue.currency(), credit.amountMinor());
    }
    if (paid.after() != recoup.get()) {
      step.next.sold(step.next.money().withRecoup(splitName, paid.after()));
    }
    return paid.restMinor();
  }

  /** The members whose part of the routed revenue changes if {@code change} is adopted, sorted. */
  static List<MemberId> beneficiaries(CoopState state, Governed.RouteChange change) {
    String before = state.money().targetOf(change.source());
    String after = state.money().targetAfter(change);
    return changed(state, shares(state, before), shares(state, after));
  }

  /** Rejects a route that leads to no split. */
  static void validate(CoopState state, Governed.RouteChange change) {
    if (!change.remove() && !change.split().isEmpty() && state.split(change.split()).isEmpty()) {
      throw new Rejection(
          RejectionCode.UNKNOWN_SPLIT,
          "the route for "
              + change.source()
              + " names split '"
              + change.split()
              + "', which the co-op has not adopted; adopt it with a split proposal first");
    }
  }

  /**
   * Whether {@code id} in a share of {@code change} is an account (pool or guest) rather than a
   * member: one the change introduces, or one the co-op already knows.
   */
  static boolean isAccount(CoopState state, Governed.SplitChange change, MemberId id) {
    return change.accounts().stream().anyMatch(a -> a.id().equals(id))
        || state.money().account(id).isPresent();
  }

  /** A payout goes to a member or a guest; a pool is paid out only under its own clause. */
  static void validatePayee(CoopState state, Governed.Payout payout) {
    var account = state.money().account(payout.member());
    if (account.isPresent() && account.get().kind() == Account.Kind.POOL) {
      throw new Rejection(
          RejectionCode.PAYOUT_FROM_POOL,
          account.get()
              + " is a pool; its balance is paid out only by a pool-payout proposal, under the"
              + " rulebook's pool-payout clause");
    }
    if (account.isEmpty() && state.member(payout.member()).isEmpty()) {
      throw new Rejection(
          RejectionCode.UNKNOWN_MEMBER, "no member or guest has id " + payout.member());
    }
  }

  /** A pool payout names a pool the co-op has and no more than its balance. */
  static void validate(CoopState state, Governed.PoolPayout payout) {
    Account pool = payout.account();
    if (state.money().account(pool.id()).isEmpty()) {
      throw new Rejection(
          RejectionCode.UNKNOWN_POOL,
          "the co-op has no " + pool + "; a split that gives it a share creates it");
    }
    long balance = state.balances().of(pool.id(), payout.currency());
    if (payout.amountMinor() > balance) {
      throw new Rejection(
          RejectionCode.INSUFFICIENT_BALANCE,
          "the balance of "
              + pool
              + " is "
              + balance
              + " "
              + payout.currency()
              + " minor units; a payout of "
              + payout.amountMinor()
              + " would exceed it");
    }
  }

  /**
   * An expense is claimed by an active member; paid from a pool the co-op has, covering it; or
   * before a split the co-op has adopted.
   */
  static void validate(CoopState state, Governed.Expense expense) {
    Execution.activeMember(state, expense.claimant(), "the expense claimant");
    if (expense.fromPool()) {
      validate(
          state,
          new Governed.PoolPayout(
              expense.pool(), expense.amountMinor(), expense.currency(), "expense", ""));
    } else if (state.split(expense.beforeSplit()).isEmpty()) {
      throw new Rejection(
          RejectionCode.UNKNOWN_SPLIT,
          "the expense is to be repaid before split '"
              + expense.beforeSplit()
              + "', which the co-op has not adopted");
    }
  }

  /**
   * Reimburses an expense: from a pool, the amount moves to the claimant's balance; before a split,
   * it becomes the last recoup tranche of the split's version in force.
   */
  static String reimburse(StateMachine.Step step, Governed.Expense e) {
    String what = Clauses.describe(e.claimant(), step.before);
    if (e.fromPool()) {
      step.next.balances =
          step.next
              .balances
              .debit(e.account().id(), e.currency(), e.amountMinor())
              .credit(e.claimant(), e.currency(), e.amountMinor());
      return "reimbursed "
          + e.amountMinor()
          + " "
          + e.currency()
          + " from "
          + e.account()
          + " to "
          + what;
    }
    String name = e.beforeSplit();
    int version = step.before.split(name).orElseThrow().version();
    Recoup recoup =
        step.next
            .money()
            .recoup(name)
            .map(r -> r.plus(e.tranche()))
            .orElse(Recoup.fresh(version, List.of(e.tranche())));
    step.next.money(step.next.money().withRecoup(name, recoup));
    return e.amountMinor()
        + " "
        + e.currency()
        + " owed to "
        + what
        + " before split "
        + (name.isEmpty() ? "(default)" : name)
        + " v"
        + version;
  }

  /** A drop is defined once. */
  static void validate(CoopState state, Governed.DefineDrop drop) {
    if (state.money().drops().containsKey(drop.name())) {
      throw new Rejection(
          RejectionCode.DUPLICATE_DROP, "drop:" + drop.name() + " is already defined");
    }
  }

  static String define(StateMachine.Step step, Governed.DefineDrop d) {
    step.next.money(
        step.next
            .money()
            .withDrop(
                new Drop(
                    d.name(),
                    d.event(),
                    d.supplyCap(),
                    d.unitPriceMinor(),
                    d.currency(),
                    d.saleOpensAtMillis(),
                    d.saleClosesAtMillis(),
                    0)));
    return "drop:" + d.name() + " defined: " + d.supplyCap() + " units";
  }

  /**
   * Revenue from a defined drop is a sale: it counts units at the drop's price and currency, inside
   * the sale window, never past the supply cap (so no one records, and no split receives, revenue
   * from units that do not exist). Any other revenue counts no units.
   */
  static void sell(StateMachine.Step step, RecordRevenue revenue) {
    String source = revenue.source();
    Drop drop =
        source.startsWith("drop:")
            ? step.before.money().drops().get(source.substring("drop:".length()))
            : null;
    if (drop == null) {
      // A defined tier's subscriptions (the only revenue with a region) count months instead.
      if (revenue.units() != 0 && revenue.region().isEmpty()) {
        throw new Rejection(
            RejectionCode.UNKNOWN_DROP,
            "only a defined drop's sales count units; " + source + " is no defined drop");
      }
      return;
    }
    if (step.now < drop.saleOpensAtMillis() || step.now >= drop.saleClosesAtMillis()) {
      throw new Rejection(
          RejectionCode.DROP_NOT_ON_SALE,
          source
              + " is on sale from "
              + java.time.Instant.ofEpochMilli(drop.saleOpensAtMillis())
              + " until "
              + java.time.Instant.ofEpochMilli(drop.saleClosesAtMillis())
              + ", not at "
              + java.time.Instant.ofEpochMilli(step.now));
    }
    long expected;
    try {
      expected = Math.multiplyExact(revenue.units(), drop.unitPriceMinor());
    } catch (ArithmeticException e) {
      expected = -1;
    }
    if (revenue.units() < 1
        || !revenue.currency().equals(drop.currency())
        || expected != revenue.amountMinor()) {
      throw new Rejection(
          RejectionCode.PRICE_MISMATCH,
          "a sale of "
              + source
              + " is units x "
              + drop.unitPriceMinor()
              + " "
              + drop.currency()
              + " minor units; got "
              + revenue.units()
              + " units for "
              + revenue.amountMinor()
              + " "
              + revenue.currency());
    }
    if (revenue.units() > drop.supplyCap() - drop.sold()) {
      throw new Rejection(
          RejectionCode.DROP_SOLD_OUT,
          source
              + " has "
              + (drop.supplyCap() - drop.sold())
              + " of its "
              + drop.supplyCap()
              + " units left; a sale of "
              + revenue.units()
              + " would go past its supply cap");
    }
    step.next.sold(step.next.money().withDrop(drop.withSold(revenue.units())));
  }

  /** Takes the pool payout's amount from the pool; returns a summary. */
  static String payOut(StateMachine.Step step, Governed.PoolPayout payout) {
    step.next.balances =
        step.next.balances.debit(payout.account().id(), payout.currency(), payout.amountMinor());
    return "paid "
        + payout.amountMinor()
        + " "
        + payout.currency()
        + " out of "
        + payout.account()
        + " to "
        + payout.payee();
  }

  /** Adopts the split change (a new version of the default or a named split); returns a summary. */
  static String adopt(StateMachine.Step step, Governed.SplitChange change) {
    CoopState.Builder next = step.next;
    if (!change.accounts().isEmpty()) {
      next.money(next.money().withAccounts(change.accounts()));
    }
    // A new version starts its own tranches: the version in force's end with it.
    int version;
    String done;
    if (change.name().isEmpty()) {
      version = next.splits().size() + 1;
      next.splits().add(new Split(version, step.now, change.shares()));
      done = "split v" + version + " in force";
    } else {
      version = next.money().splits().getOrDefault(change.name(), List.of()).size() + 1;
      next.money(
          next.money().withSplit(change.name(), new Split(version, step.now, change.shares())));
      done = "split " + change.name() + " v" + version + " in force";
    }
    if (!change.recoup().isEmpty() || next.money().recoup(change.name()).isPresent()) {
      next.money(
          next.money()
              .withRecoup(
                  change.name(),
                  change.recoup().isEmpty() ? null : Recoup.fresh(version, change.recoup())));
    }
    return change.recoup().isEmpty()
        ? done
        : done + " with " + change.recoup().size() + " recoup tranche(s)";
  }

  /** Puts the route change in force; returns a summary. */
  static String route(StateMachine.Step step, Governed.RouteChange change) {
    step.next.money(step.next.money().withRoute(change));
    String target = change.split().isEmpty() ? "the default split" : "split " + change.split();
    return change.remove()
        ? "revenue from " + change.source() + " no longer has a route of its own"
        : "revenue from " + change.source() + " goes to " + target;
  }

  /** The named split (or the default split) that {@code member} has a share in, if any. */
  static java.util.Optional<String> splitWithShare(CoopState state, MemberId member) {
    if (state.currentSplit().map(sp -> sp.basisPointsOf(member)).orElse(0) > 0) {
      return java.util.Optional.of("the default split");
    }
    for (String name : state.money().splits().keySet()) {
      if (state.money().split(name).orElseThrow().basisPointsOf(member) > 0) {
        return java.util.Optional.of("split " + name);
      }
    }
    return java.util.Optional.empty();
  }

  private static List<Share> shares(CoopState state, String split) {
    return state.split(split).map(Split::shares).orElse(List.of());
  }

  /**
   * The members among {@code before}'s and {@code after}'s recipients whose share differs: accounts
   * (pools, guests) never approve anything, so they are nobody's beneficiaries.
   */
  private static List<MemberId> changed(CoopState state, List<Share> before, List<Share> after) {
    return changed(before, after).stream().filter(k -> state.member(k).isPresent()).toList();
  }

  private static List<MemberId> changed(List<Share> before, List<Share> after) {
    SortedMap<MemberId, Integer> old = new TreeMap<>();
    before.forEach(s -> old.put(s.member(), s.basisPoints()));
    SortedMap<MemberId, Integer> next = new TreeMap<>();
    after.forEach(s -> next.put(s.member(), s.basisPoints()));
    TreeSet<MemberId> out = new TreeSet<>();
    old.forEach(
        (k, bp) -> {
          if (!bp.equals(next.get(k))) {
            out.add(k);
          }
        });
    next.forEach(
        (k, bp) -> {
          if (!bp.equals(old.get(k))) {
            out.add(k);
          }
        });
    return new ArrayList<>(out);
  }
}
