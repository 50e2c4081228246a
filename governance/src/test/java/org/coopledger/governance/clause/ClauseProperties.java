package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.coopledger.governance.clause.ClauseContext.Ballot;
import org.coopledger.governance.crypto.MemberId;

class ClauseProperties {

  @Provide
  Arbitrary<Clause> clauses() {
    return ClauseArbitraries.clauses();
  }

  @Provide
  Arbitrary<MapContext> contexts() {
    return ClauseArbitraries.contexts();
  }

  @Property
  void parsingThePrintedFormGivesBackTheSameClause(@ForAll("clauses") Clause clause) {
    assertThat(Clause.parse(clause.text())).isEqualTo(clause);
  }

  @Property
  void loosenedTextParsesToTheSameClause(@ForAll("clauses") Clause clause, @ForAll Random random) {
    String loose = Loosener.loosen(clause, random);
    assertThat(Clause.parse(loose)).isEqualTo(clause);
    assertThat(Clause.parse(loose).text()).isEqualTo(clause.text());
  }

  @Property
  void rulebookTextRoundTrips(@ForAll("clauses") Clause payout, @ForAll("clauses") Clause split) {
    Rulebook rulebook =
        DefaultRulebook.rulebook().with(ActionKind.PAYOUT, payout).with(ActionKind.SPLIT, split);
    assertThat(Rulebook.parse(rulebook.text())).isEqualTo(rulebook);
  }

  @Property
  void evaluationNeverThrowsAndIsConsistent(
      @ForAll("clauses") Clause clause, @ForAll("contexts") MapContext context) {
    ClauseResult result = clause.evaluate(context);
    assertThat(result.holds() && result.neverHolds()).isFalse();
    assertThat(result.holds() ? result.missing().isEmpty() : !result.missing().isEmpty()).isTrue();
    result
        .conditionsMetSince()
        .ifPresent(since -> assertThat(since).isBeforeOrEqualTo(context.now()));
  }

  @Property
  void evaluationDoesNotDependOnMapOrder(
      @ForAll("clauses") Clause clause, @ForAll("contexts") MapContext context) {
    ClauseResult result = clause.evaluate(context);
    reverse(context.approvals);
    reverse(context.ballots);
    reverse(context.vetoes);
    reverse(context.weights);
    Collections.reverse(context.beneficiaries);
    assertThat(clause.evaluate(context)).isEqualTo(result);
  }

  @Property
  void addingAnApprovalNeverUndoesAHoldingClause(
      @ForAll("clauses") Clause clause, @ForAll("contexts") MapContext context) {
    if (!clause.evaluate(context).holds()) {
      return;
    }
    for (MemberId member : context.members()) {
      if (!context.approvals.containsKey(member)) {
        context.approvals.put(member, context.now().minus(Duration.ofMinutes(1)));
        assertThat(clause.evaluate(context).holds()).as("after approval by " + member).isTrue();
      }
    }
  }

  @Property
  void kOfRoleHoldsExactlyWhenKEligibleHoldersApproved(
      @ForAll("contexts") MapContext context, @ForAll int seed) {
    int k = Math.floorMod(seed, 4) + 1;
    Clause clause = Clause.parse(k + " of role(treasurer)");
    long approved =
        context.membersWithRole("treasurer").stream()
            .filter(m -> !m.equals(context.author()) && !context.beneficiaries().contains(m))
            .filter(m -> context.approvals.containsKey(m))
            .filter(m -> !context.approvals.get(m).isAfter(context.now()))
            .count();
    assertThat(clause.evaluate(context).holds()).isEqualTo(approved >= k);
  }

  @Provide
  Arbitrary<Clause.Vote> votes() {
    return ClauseArbitraries.vote();
  }

  @Property
  void anEarlyVoteOutcomeIsWhatTheWindowWouldHaveGivenWhateverTheMissingBallots(
      @ForAll("votes") Clause.Vote vote,
      @ForAll("contexts") MapContext context,
      @ForAll Random random) {
    if (!context.now().isBefore(context.openedAt().plus(vote.window().duration()))) {
      return;
    }
    ClauseResult early = vote.evaluate(context);
    if (!early.votesFinal()) {
      return;
    }
    for (MemberId voter : context.weights.keySet()) {
      if (!context.ballots.containsKey(voter)) {
        context.ballots.put(voter, Ballot.values()[random.nextInt(Ballot.values().length)]);
      }
    }
    context.now = context.openedAt().plus(vote.window().duration());
    ClauseResult closed = vote.evaluate(context);
    assertThat(closed.holds()).isEqualTo(early.holds());
    assertThat(closed.neverHolds()).isEqualTo(early.neverHolds());
  }

  @Property
  void aClosedVoteHoldsExactlyWhenTheWeightedTallyMeetsQuorumAndThreshold(
      @ForAll("votes") Clause.Vote vote, @ForAll("contexts") MapContext context) {
    // An independent reading of docs/clauses.md, in exact BigInteger arithmetic.
    context.now = context.openedAt().plus(vote.window().duration());
    BigInteger eligible = BigInteger.ZERO;
    BigInteger voted = BigInteger.ZERO;
    BigInteger yes = BigInteger.ZERO;
    BigInteger no = BigInteger.ZERO;
    for (Map.Entry<MemberId, Long> voter : context.weights.entrySet()) {
      BigInteger weight = BigInteger.valueOf(voter.getValue());
      eligible = eligible.add(weight);
      Ballot ballot = context.ballots.get(voter.getKey());
      if (ballot != null) {
        voted = voted.add(weight);
        yes = ballot == Ballot.YES ? yes.add(weight) : yes;
        no = ballot == Ballot.NO ? no.add(weight) : no;
      }
    }
    BigInteger quorumNum = BigInteger.valueOf(vote.quorum().numerator());
    BigInteger quorumDen = BigInteger.valueOf(vote.quorum().denominator());
    boolean quorum = voted.multiply(quorumDen).compareTo(eligible.multiply(quorumNum)) >= 0;
    BigInteger cast = yes.add(no);
    int approval =
        yes.multiply(BigInteger.valueOf(vote.approve().denominator()))
            .compareTo(cast.multiply(BigInteger.valueOf(vote.approve().numerator())));
    boolean approved = cast.signum() > 0 && (vote.strict() ? approval > 0 : approval >= 0);
    assertThat(vote.evaluate(context).holds())
        .as("weights %s, ballots %s", context.weights.values(), context.ballots.values())
        .isEqualTo(quorum && approved);
  }

  private static <V> void reverse(Map<MemberId, V> map) {
    List<Map.Entry<MemberId, V>> entries = new ArrayList<>(map.entrySet());
    Collections.reverse(entries);
    Map<MemberId, V> reversed = new LinkedHashMap<>();
    entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
    map.clear();
    map.putAll(reversed);
  }
}
