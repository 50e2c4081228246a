package org.coopledger.governance.clause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopledger.governance.clause.ClauseContext.Ballot.YES;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelockAndVetoTest {
  private static final Instant OPENED = MapContext.OPENED;

  private static MapContext coop() {
    return new MapContext()
        .member("carol", "creator")
        .member("tom", "treasurer")
        .member("tess", "treasurer")
        .member("aud", "auditor");
  }

  @Test
  void timelockStartsWhenTheRestIsFirstMetAndHoldsOnceItEnds() {
    Clause clause = Clause.parse("2 of role(treasurer) & timelock(48h)");
    MapContext context = coop().approve("tom", "tess").at(Duration.ofHours(1));
    ClauseResult first = clause.evaluate(context);
    assertThat(first.holds()).isFalse();
    assertThat(first.conditionsMet()).isTrue();
    assertThat(first.conditionsMetSince()).contains(OPENED.plus(Duration.ofHours(1)));
    assertThat(first.missing()).containsExactly("timelock ends at 2026-01-03T01:00:00Z");

    context.conditionsMetAt = first.conditionsMetSince();
    assertThat(clause.evaluate(context.at(Duration.ofHours(48))).holds()).isFalse();
    assertThat(clause.evaluate(context.at(Duration.ofHours(49))).holds()).isTrue();
  }

  @Test
  void timelockWaitsWhileTheRestIsUnmet() {
    ClauseResult result =
        Clause.parse("2 of role(treasurer) & timelock(48h)")
            .evaluate(coop().approve("tom").at(Duration.ofDays(30)));
    assertThat(result.conditionsMet()).isFalse();
    assertThat(result.conditionsMetSince()).isEmpty();
    assertThat(result.missing())
        .containsExactly(
            "needs 1 more approval from role(treasurer)",
            "timelock of 48h starts once the rest of the clause is met");
  }

  @Test
  void timelockAfterAVoteCountsFromTheWindowsEnd() {
    Clause clause = Clause.parse(DefaultRulebook.RULEBOOK);
    MapContext context = coop().vote("carol", YES).vote("tom", YES).vote("tess", YES);
    assertThat(clause.evaluate(context.at(Duration.ofDays(8))).holds()).isFalse();
    assertThat(clause.evaluate(context.at(Duration.ofDays(9))).holds()).isTrue();
  }

  @Test
  void aTimelockAloneCountsFromTheProposalsOpening() {
    Clause clause = Clause.parse("timelock(1d)");
    assertThat(clause.evaluate(coop().at(Duration.ofHours(23))).holds()).isFalse();
    assertThat(clause.evaluate(coop().at(Duration.ofDays(1))).holds()).isTrue();
  }

  @Test
  void vetoWithinTheWindowBlocksForever() {
    Clause clause = Clause.parse("2 of role(treasurer) & veto(role(auditor), 48h)");
    MapContext context = coop().approve("tom", "tess").at(Duration.ofHours(1));
    context.conditionsMetAt = Optional.of(OPENED.plus(Duration.ofHours(1)));
    assertThat(clause.evaluate(context).missing())
        .containsExactly("veto window for role(auditor) open until 2026-01-03T01:00:00Z");
    context.veto("aud", Duration.ofHours(10)).at(Duration.ofDays(10));
    ClauseResult vetoed = clause.evaluate(context);
    assertThat(vetoed.holds()).isFalse();
    assertThat(vetoed.neverHolds()).isTrue();
    assertThat(vetoed.missing())
        .containsExactly("vetoed by aud (role(auditor)) at 2026-01-01T10:00:00Z");
  }

  @Test
  void vetoesFromNonHoldersOrAfterTheWindowDoNotCount() {
    Clause clause = Clause.parse("2 of role(treasurer) & veto(role(auditor), 48h)");
    MapContext context = coop().approve("tom", "tess").at(Duration.ofDays(3));
    context.conditionsMetAt = Optional.of(OPENED);
    context.veto("carol", Duration.ofHours(1)).veto("aud", Duration.ofHours(49));
    assertThat(clause.evaluate(context).holds()).isTrue();
  }

  @Test
  void aVetoBeforeTheRestIsMetAlreadyCounts() {
    Clause clause = Clause.parse("2 of role(treasurer) & veto(role(auditor), 48h)");
    MapContext context = coop().veto("aud", Duration.ofMinutes(5)).at(Duration.ofHours(1));
    assertThat(clause.evaluate(context).neverHolds()).isTrue();
  }

  @Test
  void orHoldsWhenAnyBranchHoldsAndNeverOnlyWhenAllBranchesAreDead() {
    Clause clause = Clause.parse("amount < 100 | 2 of role(treasurer)");
    assertThat(clause.evaluate(coop().amount(50)).holds()).isTrue();
    ClauseResult big = clause.evaluate(coop().amount(500).approve("tom"));
    assertThat(big.neverHolds()).isFalse();
    assertThat(big.missing()).containsExactly("needs 1 more approval from role(treasurer)");
    assertThat(Clause.parse("never | amount > 1000").evaluate(coop().amount(5)).neverHolds())
        .isTrue();
  }
}
