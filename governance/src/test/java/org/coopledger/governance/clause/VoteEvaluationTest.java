package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopledger.governance.clause.ClauseContext.Ballot.ABSTAIN;
import static org.coopledger.governance.clause.ClauseContext.Ballot.NO;
import static org.coopledger.governance.clause.ClauseContext.Ballot.YES;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VoteEvaluationTest {
  private static final Clause MAJORITY = Clause.parse("vote(quorum=50%, approve>50%, window=7d)");
  private static final Clause TWO_THIRDS = Clause.parse("vote(quorum=0%, approve>=2/3, window=7d)");

  /** Five members, one vote each. */
  private static MapContext five() {
    return new MapContext()
        .member("a")
        .member("b")
        .member("c")
        .member("d")
        .member("e")
        .at(Duration.ofDays(1));
  }

  @Test
  void passesEarlyWhenTheMissingVotesCannotFlipIt() {
    MapContext context = five().vote("a", YES).vote("b", YES);
    ClauseResult open = MAJORITY.evaluate(context);
    assertThat(open.holds()).isFalse();
    assertThat(open.votesFinal()).isFalse();
    assertThat(open.missing())
        .containsExactly(
            "vote open until 2026-01-08T00:00:00Z (yes 2, no 0, abstain 0 of 5 eligible;"
                + " needs quorum 50% and approve>50%)");
    ClauseResult decided = MAJORITY.evaluate(context.vote("c", YES));
    assertThat(decided.holds()).isTrue();
    assertThat(decided.votesFinal()).isTrue();
  }

  @Test
  void doesNotPassEarlyWhileAbstentionsCouldLeaveNothingDecisive() {
    Clause anyShare = Clause.parse("vote(quorum=0%, approve>=0%, window=7d)");
    ClauseResult result = anyShare.evaluate(five());
    assertThat(result.holds()).isFalse();
    assertThat(result.votesFinal()).isFalse();
    assertThat(anyShare.evaluate(five().vote("a", NO)).holds()).isTrue();
  }

  @Test
  void failsEarlyWhenEvenAllMissingVotesCannotPassIt() {
    ClauseResult result = MAJORITY.evaluate(five().vote("a", NO).vote("b", NO).vote("c", NO));
    assertThat(result.neverHolds()).isTrue();
    assertThat(result.votesFinal()).isTrue();
    assertThat(result.missing().get(0)).startsWith("vote cannot pass any more");
  }

  @Test
  void anUndecidedVoteIsSettledWhenTheWindowCloses() {
    MapContext context = five().vote("a", YES).vote("b", NO).vote("c", YES);
    assertThat(MAJORITY.evaluate(context).votesFinal()).isFalse();
    ClauseResult closed = MAJORITY.evaluate(context.at(Duration.ofDays(7)));
    assertThat(closed.holds()).isTrue();
    assertThat(closed.votesFinal()).isTrue();
    assertThat(closed.conditionsMetSince()).contains(MapContext.OPENED.plus(Duration.ofDays(7)));
  }

  @Test
  void withoutQuorumAClosedVoteFails() {
    ClauseResult result =
        MAJORITY.evaluate(five().vote("a", YES).vote("b", YES).at(Duration.ofDays(8)));
    assertThat(result.neverHolds()).isTrue();
    assertThat(result.missing().get(0)).startsWith("vote failed (window closed at 2026-01-08");
  }

  @Test
  void abstentionsCountForQuorumButNotForTheThreshold() {
    MapContext context =
        five().vote("a", YES).vote("b", ABSTAIN).vote("c", ABSTAIN).at(Duration.ofDays(7));
    assertThat(MAJORITY.evaluate(context).holds()).isTrue();
  }

  @Test
  void atLeastTwoThirdsIncludesExactlyTwoThirdsButStrictMajorityExcludesHalf() {
    MapContext context = five().vote("a", YES).vote("b", YES).vote("c", NO).at(Duration.ofDays(7));
    assertThat(TWO_THIRDS.evaluate(context).holds()).isTrue();
    MapContext tie = five().vote("a", YES).vote("b", NO).at(Duration.ofDays(7));
    assertThat(Clause.parse("vote(approve>1/2)").evaluate(tie).holds()).isFalse();
    assertThat(Clause.parse("vote(approve>=1/2)").evaluate(tie).holds()).isTrue();
  }

  @Test
  void weightsDecideInsteadOfHeadcount() {
    MapContext context = five().vote("a", YES).vote("b", NO).vote("c", NO).at(Duration.ofDays(7));
    context.weights.put(MapContext.id("a"), 5L);
    assertThat(MAJORITY.evaluate(context).holds()).isTrue();
  }

  @Test
  void ballotsFromIneligibleVotersAreIgnored() {
    MapContext context = five().vote("a", YES).at(Duration.ofDays(7));
    context.ballots.put(MapContext.id("outsider"), YES);
    context.ballots.put(MapContext.id("stranger"), YES);
    assertThat(MAJORITY.evaluate(context).neverHolds()).isTrue();
  }

  @Test
  void aVoteWithNoEligibleVotersCanNeverPass() {
    MapContext context = five();
    context.weights.clear();
    assertThat(MAJORITY.evaluate(context).neverHolds()).isTrue();
  }

  @Test
  void approvalsAndAVoteTogetherNeedBoth() {
    Clause split = Clause.parse(DefaultRulebook.SPLIT);
    MapContext context =
        five().author("a").beneficiary("a").beneficiary("b").vote("a", YES).vote("b", YES);
    context.vote("c", YES).approve("a");
    ClauseResult result = split.evaluate(context);
    assertThat(result.holds()).isFalse();
    assertThat(result.votesFinal()).isTrue();
    assertThat(result.missing()).containsExactly("needs approval from b (beneficiaries)");
    assertThat(split.evaluate(context.approve("b")).holds()).isTrue();
  }

  @Test
  void longestVoteWindowLooksIntoEveryBranch() {
    Clause clause =
        Clause.parse("if amount > 5 then vote(window=3d) else vote(window=10d) | timelock(1h)");
    assertThat(clause.longestVoteWindow()).contains(Duration.ofDays(10));
    assertThat(Clause.parse("2 of role(treasurer)").longestVoteWindow()).isEmpty();
  }
}
