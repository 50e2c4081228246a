package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.coopledger.governance.action.Action;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Execute;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Veto;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.crypto.MemberId;

/**
 * Over generated ledgers that use every action kind, each applied entry moves exactly the money it
 * should, to the minor unit: revenue adds each member's part of the split its source is routed to
 * (computed here independently: the routing rule in its own words and the remainder rule with
 * {@link BigInteger}), an executed payout takes its amount from the payee, and nothing else changes
 * any balance.
 */
class MoneyProperties {

  @Provide
  Arbitrary<List<RandomLedger.Op>> ops() {
    return RandomLedger.ops();
  }

  @Property(tries = 150)
  void everyEntryMovesExactlyTheMoneyItShould(@ForAll("ops") List<RandomLedger.Op> ops) {
    for (RandomLedger.Step step : RandomLedger.run(ops)) {
      CoopState before = step.before();
      CoopState after = step.outcome().state();
      Action action = EntryCodec.decode(step.record().signedEntry()).entry().action();
      boolean applied = step.outcome() instanceof EntryOutcome.Applied;
      label(action, before, after, applied);
      SortedMap<MemberId, SortedMap<String, Long>> expected = copy(before);
      if (action instanceof RecordRevenue revenue && !revenue.region().isEmpty()) {
        checkTierRevenue(before, revenue, step.outcome());
      }
      if (applied
          && action instanceof Execute execute
          && executed(before, after, execute)
          && before.proposal(execute.proposal()).orElseThrow().action().governed()
              instanceof Governed.TierChange t) {
        // The new list is in force, as the tier's next version; no balance moves.
        int version = before.money().tier(t.tier()).map(x -> x.current().version()).orElse(0);
        assertThat(after.money().tier(t.tier()).orElseThrow().current().version())
            .isEqualTo(version + 1);
        assertThat(after.money().tier(t.tier()).orElseThrow().current().prices())
            .isEqualTo(t.prices());
        Statistics.label("tier").collect(version == 0 ? "defined" : "price change");
      }
      if (applied && action instanceof RecordRevenue revenue) {
        long rest = recoupReference(before, after, revenue, expected);
        reference(rest, routedShares(before, revenue.source()))
            .forEach((member, part) -> add(expected, member, revenue.currency(), part));
      }
      if (applied
          && action instanceof Execute execute
          && executed(before, after, execute)
          && before.proposal(execute.proposal()).orElseThrow().action().governed()
              instanceof Governed.Payout pay) {
        add(expected, pay.member(), pay.currency(), -pay.amountMinor());
      }
      if (applied
          && action instanceof Execute execute
          && executed(before, after, execute)
          && before.proposal(execute.proposal()).orElseThrow().action().governed()
              instanceof Governed.PoolPayout pay) {
        add(expected, pay.account().id(), pay.currency(), -pay.amountMinor());
      }
      if (applied
          && action instanceof Execute execute
          && executed(before, after, execute)
          && before.proposal(execute.proposal()).orElseThrow().action().governed()
              instanceof Governed.Expense e
          && e.fromPool()) {
        // From a pool: the pool pays the claimant.
        add(expected, e.account().id(), e.currency(), -e.amountMinor());
        add(expected, e.claimant(), e.currency(), e.amountMinor());
        Statistics.label("expense").collect("from a pool");
      }
      if (applied
          && action instanceof Execute execute
          && executed(before, after, execute)
          && before.proposal(execute.proposal()).orElseThrow().action().governed()
              instanceof Governed.Expense e
          && !e.fromPool()) {
        // Before a split: no balance moves; the split's tranches gain the claim, last, owed whole.
        List<String> tranches = new ArrayList<>();
        before
            .money()
            .recoup(e.beforeSplit())
            .ifPresent(
                r -> r.tranches().forEach(o -> tranches.add(o.tranche() + " " + o.owedMinor())));
        tranches.add(
            new org.coopledger.governance.action.Tranche(
                    e.claimant(),
                    e.amountMinor(),
                    e.currency(),
                    "expense " + e.receiptSha256().substring(0, 16))
                + " "
                + e.amountMinor());
        assertThat(
                after.money().recoup(e.beforeSplit()).orElseThrow().tranches().stream()
                    .map(o -> o.tranche() + " " + o.owedMinor())
                    .toList())
            .isEqualTo(tranches);
        Statistics.label("expense").collect("before a split");
      }
      assertThat(nonZero(after.balances().asMap()))
          .as("balances after %s (%s)", action.getClass().getSimpleName(), step.outcome())
          .isEqualTo(nonZero(expected));
    }
    // Meaningless unless every kind of action really takes effect now and then.
    Statistics.label("applied")
        .coverage(
            c -> {
              for (String kind :
                  List.of(
                      "revenue",
                      "propose decision",
                      "propose admit",
                      "propose remove",
                      "propose change-roles",
                      "propose rulebook",
                      "executed payout",
                      "executed split",
                      "executed named split",
                      "executed route",
                      "routed revenue",
                      "veto")) {
                c.check(kind).count(n -> n > 0);
              }
            });
    Statistics.label("tier")
        .coverage(
            c -> {
              c.check("subscription revenue").count(n -> n > 0);
              c.check("price change").count(n -> n > 0);
              c.check("refused: " + RejectionCode.PRICE_MISMATCH).count(n -> n > 0);
              c.check("refused: " + RejectionCode.UNKNOWN_REGION).count(n -> n > 0);
            });
    Statistics.label("recoup")
        .coverage(
            c -> {
              c.check("tranche repaid").count(n -> n > 0);
              c.check("tranche paid in part").count(n -> n > 0);
            });
  }

  /**
   * docs/money.md#recoup in its own words: the open tranches of the routed split's version in
   * force, in order, each in the revenue's currency, take what they are still owed or what is left;
   * credits {@code expected} and checks what each tranche is owed afterwards. Returns what is left
   * for the shares.
   */
  static long recoupReference(
      CoopState before,
      CoopState after,
      RecordRevenue revenue,
      SortedMap<MemberId, SortedMap<String, Long>> expected) {
    var routes = before.money().routes();
    String source = revenue.source();
    String kind = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
    String split =
        routes.containsKey(source) ? routes.get(source) : routes.getOrDefault(kind + ":*", "");
    var recoup = before.money().recoups().get(split);
    if (recoup == null) {
      return revenue.amountMinor();
    }
    BigInteger rest = BigInteger.valueOf(revenue.amountMinor());
    List<Long> owedAfter = new ArrayList<>();
    for (var owed : recoup.tranches()) {
      BigInteger o = BigInteger.valueOf(owed.owedMinor());
      BigInteger take =
          owed.tranche().currency().equals(revenue.currency()) ? o.min(rest) : BigInteger.ZERO;
      if (take.signum() > 0) {
        add(expected, owed.tranche().recipient(), revenue.currency(), take.longValueExact());
        Statistics.label("recoup")
            .collect(take.equals(o) ? "tranche repaid" : "tranche paid in part");
      }
      rest = rest.subtract(take);
      owedAfter.add(o.subtract(take).longValueExact());
    }
    assertThat(
            after.money().recoups().get(split).tranches().stream()
                .map(org.coopledger.governance.split.Recoup.Owed::owedMinor)
                .toList())
        .as("owed after revenue over %s", split)
        .isEqualTo(owedAfter);
    return rest.longValueExact();
  }

  /**
   * docs/money.md: the source's own route, else its kind's wildcard route, else the default split;
   * "" names the default split.
   */
  static List<Share> routedShares(CoopState state, String source) {
    var routes = state.money().routes();
    String kind = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
    String split =
        routes.containsKey(source) ? routes.get(source) : routes.getOrDefault(kind + ":*", "");
    if (split.isEmpty()) {
      return state.splits().getLast().shares();
    }
    var versions = state.money().splits().get(split);
    return versions.getLast().shares();
  }

  /**
   * The remainder rule of docs/governance.md in its own words, with arbitrary precision: each
   * member gets floor(A * bp / 10000); the units left over go one each to the largest remainders (A
   * * bp) mod 10000, equal remainders by member id ascending.
   */
  static SortedMap<MemberId, Long> reference(long amount, List<Share> shares) {
    BigInteger a = BigInteger.valueOf(amount);
    BigInteger tenThousand = BigInteger.valueOf(10_000);
    SortedMap<MemberId, BigInteger> parts = new TreeMap<>();
    List<Map.Entry<MemberId, BigInteger>> remainders = new ArrayList<>();
    BigInteger assigned = BigInteger.ZERO;
    for (Share share : shares) {
      BigInteger[] qr =
          a.multiply(BigInteger.valueOf(share.basisPoints())).divideAndRemainder(tenThousand);
      parts.put(share.member(), qr[0]);
      remainders.add(Map.entry(share.member(), qr[1]));
      assigned = assigned.add(qr[0]);
    }
    remainders.sort(
        Comparator.<Map.Entry<MemberId, BigInteger>, BigInteger>comparing(Map.Entry::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    int left = a.subtract(assigned).intValueExact();
    for (int i = 0; i < left; i++) {
      parts.merge(remainders.get(i).getKey(), BigInteger.ONE, BigInteger::add);
    }
    SortedMap<MemberId, Long> out = new TreeMap<>();
    parts.forEach((k, v) -> out.put(k, v.longValueExact()));
    return out;
  }

  /**
   * docs/money.md#tiers in its own words: revenue that names a region is a defined tier's
   * subscription, for a region of its price list in force, a whole number (at least one) of months
   * at that region's price and in its currency. Revenue the rule refuses is refused with the rule's
   * code (or an earlier check's, such as the revenue clause's), and revenue it allows is never
   * refused with one of the tier codes.
   */
  private static void checkTierRevenue(
      CoopState before, RecordRevenue revenue, EntryOutcome outcome) {
    var tier = before.money().tier(RecordRevenue.tierOf(revenue.source()));
    var price = tier.flatMap(t -> t.price(revenue.region()));
    RejectionCode verdict = null;
    if (tier.isEmpty()) {
      verdict = RejectionCode.UNKNOWN_TIER;
    } else if (price.isEmpty()) {
      verdict = RejectionCode.UNKNOWN_REGION;
    } else if (revenue.units() < 1
        || !revenue.currency().equals(price.get().currency())
        || !BigInteger.valueOf(revenue.units())
            .multiply(BigInteger.valueOf(price.get().amountMinor()))
            .equals(BigInteger.valueOf(revenue.amountMinor()))) {
      verdict = RejectionCode.PRICE_MISMATCH;
    }
    List<String> tierCodes =
        List.of(
            RejectionCode.UNKNOWN_TIER.name(),
            RejectionCode.UNKNOWN_REGION.name(),
            RejectionCode.PRICE_MISMATCH.name());
    if (outcome instanceof EntryOutcome.Rejected r) {
      if (tierCodes.contains(r.code())) {
        assertThat(r.code()).as(r.message()).isEqualTo(String.valueOf(verdict));
      }
      Statistics.label("tier").collect("refused: " + r.code());
    } else {
      assertThat(verdict).as("tier revenue the rule refuses was applied").isNull();
      Statistics.label("tier").collect("subscription revenue");
    }
  }

  private static void label(Action action, CoopState before, CoopState after, boolean applied) {
    if (!applied) {
      return;
    }
    String kind =
        switch (action) {
          case RecordRevenue r when !before.splitNameFor(r.source()).isEmpty() -> "routed revenue";
          case RecordRevenue r -> "revenue";
          case Execute e
              when executed(before, after, e)
                  && before.proposal(e.proposal()).orElseThrow().action().governed()
                      instanceof Governed.RouteChange ->
              "executed route";
          case Execute e
              when executed(before, after, e)
                  && before.proposal(e.proposal()).orElseThrow().action().governed()
                      instanceof Governed.SplitChange s
                  && !s.name().isEmpty() ->
              "executed named split";
          case Veto v -> "veto";
          case CreateProposal p -> "propose " + p.governed().kind();
          case Execute e when executed(before, after, e) ->
              "executed " + before.proposal(e.proposal()).orElseThrow().action().governed().kind();
          default -> "other";
        };
    Statistics.label("applied").collect(kind);
  }

  private static boolean executed(CoopState before, CoopState after, Execute execute) {
    return before.proposal(execute.proposal()).orElseThrow().status() != ProposalStatus.EXECUTED
        && after.proposal(execute.proposal()).orElseThrow().status() == ProposalStatus.EXECUTED;
  }

  private static SortedMap<MemberId, SortedMap<String, Long>> copy(CoopState state) {
    SortedMap<MemberId, SortedMap<String, Long>> out = new TreeMap<>();
    state.balances().asMap().forEach((member, amounts) -> out.put(member, new TreeMap<>(amounts)));
    return out;
  }

  private static void add(
      SortedMap<MemberId, SortedMap<String, Long>> balances,
      MemberId member,
      String currency,
      long d) {
    balances.computeIfAbsent(member, m -> new TreeMap<>()).merge(currency, d, Long::sum);
  }

  private static SortedMap<String, Long> nonZero(SortedMap<MemberId, SortedMap<String, Long>> b) {
    SortedMap<String, Long> out = new TreeMap<>();
    b.forEach(
        (member, amounts) ->
            amounts.forEach(
                (currency, amount) -> {
                  if (amount != 0) {
                    out.put(member.hex() + " " + currency, amount);
                  }
                }));
    return out;
  }
}
