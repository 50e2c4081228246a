package org.coopledger.governance.clause;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.coopledger.governance.clause.Clause.AmountCondition;
import org.coopledger.governance.clause.Clause.And;
import org.coopledger.governance.clause.Clause.Approval;
import org.coopledger.governance.clause.Clause.Comparison;
import org.coopledger.governance.clause.Clause.If;
import org.coopledger.governance.clause.Clause.Or;
import org.coopledger.governance.clause.ClauseContext.Ballot;

/** jqwik generators for clauses and for in-memory contexts over a small pool of members. */
final class ClauseArbitraries {
  static final List<String> NAMES = List.of("ana", "ben", "cy", "dee", "eli", "fay");
  static final List<String> ROLES = List.of("treasurer", "auditor", "creator");

  private ClauseArbitraries() {}

  static Arbitrary<Clause> clauses() {
    return clause(3);
  }

  private static Arbitrary<Clause> clause(int depth) {
    if (depth == 0) {
      return leaf();
    }
    Arbitrary<Clause> smaller = Arbitraries.lazy(() -> clause(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf()),
        Tuple.of(1, smaller.list().ofMinSize(2).ofMaxSize(3).map(And::new)),
        Tuple.of(1, smaller.list().ofMinSize(2).ofMaxSize(3).map(Or::new)),
        Tuple.of(1, Combinators.combine(amountCondition(), smaller, smaller).as(If::new)));
  }

  private static Arbitrary<Clause> leaf() {
    return Arbitraries.oneOf(
        approval(),
        approval(),
        vote().map(Clause.class::cast),
        span().map(Clause.Timelock::new),
        Combinators.combine(group(), span()).as(Clause.Veto::new),
        amountCondition(),
        Arbitraries.of(true, false).map(Clause.Constant::new));
  }

  private static Arbitrary<Clause> approval() {
    Arbitrary<Quantifier> quantifier =
        Arbitraries.oneOf(
            Arbitraries.just(new Quantifier.All()),
            Arbitraries.just(new Quantifier.Any()),
            Arbitraries.integers().between(1, 4).map(Quantifier.AtLeast::new));
    return Combinators.combine(
            quantifier,
            group().list().ofMinSize(1).ofMaxSize(3),
            span().optional(0.3),
            Arbitraries.of(true, false))
        .as(Approval::new);
  }

  static Arbitrary<Group> group() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of(NAMES),
            Arbitraries.strings()
                .withChars("ab Z_.\"\\-é@")
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(s -> !s.isBlank()));
    return Arbitraries.oneOf(
        Arbitraries.oneOf(
                Arbitraries.of(ROLES),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6))
            .map(Group.Role::new),
        names.map(Group.Member::new),
        Arbitraries.just(new Group.Beneficiaries()),
        Arbitraries.just(new Group.AllMembers()));
  }

  static Arbitrary<Clause.Vote> vote() {
    return Combinators.combine(ratio(), Arbitraries.of(true, false), ratio(), span())
        .as(
            (quorum, strict, approve, window) ->
                new Clause.Vote(
                    quorum,
                    strict && approve.numerator() < approve.denominator(),
                    approve,
                    window));
  }

  private static Arbitrary<Ratio> ratio() {
    return Arbitraries.integers()
        .between(1, 1000)
        .flatMap(den -> Arbitraries.integers().between(0, den).map(num -> new Ratio(num, den)));
  }

  static Arbitrary<Span> span() {
    return Arbitraries.of(Span.Unit.values())
        .flatMap(
            unit ->
                Arbitraries.longs()
                    .between(1, unit == Span.Unit.DAYS ? 60 : 100)
                    .map(amount -> new Span(amount, unit)));
  }

  private static Arbitrary<AmountCondition> amountCondition() {
    return Combinators.combine(
            Arbitraries.of(Comparison.values()), Arbitraries.longs().between(0, 2_000_000))
        .as(AmountCondition::new);
  }

  /**
   * A context over a random subset of {@link #NAMES} with random approvals, votes and vetoes, and
   * voting weights from 1 (equal) up to 10,000 (a whole split's basis points under {@code
   * weight=share}).
   */
  static Arbitrary<MapContext> contexts() {
    return equalWeightContexts()
        .flatMap(
            context ->
                Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(1L)),
                        Tuple.of(2, Arbitraries.longs().between(1, 10_000)))
                    .list()
                    .ofSize(context.weights.size())
                    .map(
                        weights -> {
                          int i = 0;
                          for (var voter : context.weights.keySet()) {
                            context.weights.put(voter, weights.get(i++));
                          }
                          return context;
                        }));
  }

  private static Arbitrary<MapContext> equalWeightContexts() {
    Arbitrary<Ballot> ballots = Arbitraries.of(Ballot.values());
    return Arbitraries.integers()
        .between(1, NAMES.size())
        .flatMap(
            size ->
                Combinators.combine(
                        Arbitraries.of(ROLES).set().ofMaxSize(2).list().ofSize(size),
                        Arbitraries.integers().between(0, 60 * 24).list().ofSize(size),
                        ballots.optional(0.6).list().ofSize(size),
                        Arbitraries.integers().between(-1, 60 * 24).list().ofSize(size),
                        Arbitraries.integers().between(0, size - 1).set().ofMaxSize(size),
                        Arbitraries.integers().between(0, 60 * 24),
                        Arbitraries.longs().between(0, 500_000).optional(0.7),
                        Arbitraries.integers().between(0, 60 * 24).optional(0.3))
                    .as(
                        (roles, approvals, votes, vetoes, beneficiaries, now, amount, met) -> {
                          MapContext context = new MapContext();
                          for (int i = 0; i < size; i++) {
                            String name = NAMES.get(i);
                            context.member(name, roles.get(i).toArray(String[]::new));
                            if (approvals.get(i) % 3 != 0) {
                              context.approve(name, Duration.ofHours(approvals.get(i)));
                            }
                            votes.get(i).ifPresent(ballot -> context.vote(name, ballot));
                            if (vetoes.get(i) % 7 == 0) {
                              context.veto(name, Duration.ofHours(vetoes.get(i)));
                            }
                          }
                          beneficiaries.forEach(i -> context.beneficiary(NAMES.get(i)));
                          context.author(NAMES.get(now % size));
                          context.at(Duration.ofHours(now));
                          amount.ifPresent(context::amount);
                          context.conditionsMetAt =
                              met.filter(h -> h <= now)
                                  .map(h -> MapContext.OPENED.plus(Duration.ofHours(h)));
                          return context;
                        }));
  }
}
