package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
import org.coopledger.governance.action.Veto;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Distribution;

/**
 * Over generated ledgers that use every action kind, each applied entry moves exactly the money it
 * should, to the minor unit: revenue adds each member's part of the split in force, an executed
 * payout takes its amount from the payee, and nothing else changes any balance.
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
      if (applied && action instanceof RecordRevenue revenue) {
        Distribution.distribute(revenue.amountMinor(), before.currentSplit().orElseThrow().shares())
            .forEach((member, part) -> add(expected, member, revenue.currency(), part));
      }
      if (applied
          && action instanceof Execute execute
          && executed(before, after, execute)
          && before.proposal(execute.proposal()).orElseThrow().action().governed()
              instanceof Governed.Payout pay) {
        add(expected, pay.member(), pay.currency(), -pay.amountMinor());
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
                      "veto")) {
                c.check(kind).count(n -> n > 0);
              }
            });
  }

  private static void label(Action action, CoopState before, CoopState after, boolean applied) {
    if (!applied) {
      return;
    }
    String kind =
        switch (action) {
          case RecordRevenue r -> "revenue";
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
