package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * Time the node operator cannot bend: every entry's accepted time lies within the bounds its author
 * signed, never goes back, and timelocks count from the current unbroken interval.
 */
class TimeTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final List<String> ALL = List.of("alice", "bob", "carol", "tess", "audrey");
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private void found(ActionKind kind, String clause) {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().with(kind, Clause.parse(clause)).text(), List.of()));
  }

  private EntryId propose(String author, Governed governed) {
    byte[] entry = coop.propose(author, "t", governed);
    story.accept(entry);
    return CoopFixture.idOf(entry);
  }

  @Test
  void aTimelockCannotBeSkippedByStampingAnExecuteAhead() {
    story.accept(coop.genesis());
    String mine = story.state.rulebook().replace("2 of role(treasurer)", "always");
    EntryId change = propose("alice", new Governed.RulebookChange(mine));
    for (String m : ALL) {
      story.accept(coop.vote(m, change, VoteChoice.YES));
    }
    long created = coop.clock();
    // Before, an expiry was optional: an execute without one could be stamped at any time.
    byte[] unbounded =
        EntrySigner.sign(
            new Entry(
                coop.coopId(),
                coop.key("alice").id(),
                1_000,
                created,
                0,
                new org.coopledger.governance.action.Execute(change)),
            coop.key("alice"));
    byte[] bounded = coop.execute("alice", change);

    // The operator stamps the executes 49 h ahead, past the 48 h timelock.
    EntryOutcome first = story.submitAt(unbounded, created + 49 * HOUR);
    EntryOutcome second = story.submitAt(bounded, created + 49 * HOUR);

    assertThat(story.state.rulebook()).doesNotContain("always");
    assertThat(((EntryOutcome.Rejected) first).code()).isEqualTo("NO_EXPIRY");
    assertThat(((EntryOutcome.Rejected) second).code()).isEqualTo("EXPIRED");
  }

  @Test
  void aNodeCannotStampAVoteLaterThanItsAuthorAllowed() {
    found(ActionKind.DECISION, "vote(quorum=50%, approve>50%, window=1h)");
    EntryId d = propose("alice", new Governed.Decision());
    coop.setClock(coop.clock() + 30 * 60_000L);
    byte[] no = coop.vote("bob", d, VoteChoice.NO);
    long created = coop.clock() - 1000;

    // Held back by the node until after the window: refused for the time bob allowed, not
    // counted as a late vote; stamped within bob's bounds it counts.
    EntryOutcome late = story.submitAt(no, created + 31 * 60_000L);
    assertThat(((EntryOutcome.Rejected) late).code()).isEqualTo("EXPIRED");
    assertThat(story.submitAt(no, created + 5 * 60_000L)).isInstanceOf(EntryOutcome.Applied.class);
    assertThat(story.state.proposal(d).orElseThrow().ballots()).containsKey(coop.id("bob"));
  }

  @Test
  void anEntryCannotBeAcceptedBeforeItWasCreated() {
    story.accept(coop.genesis());
    EntryId d = propose("alice", new Governed.Decision());
    coop.setClock(coop.clock() + HOUR);
    byte[] vote = coop.vote("bob", d, VoteChoice.YES);
    long created = coop.clock() - 1000;

    EntryOutcome early = story.submitAt(vote, created - Duration.ofMinutes(3).toMillis());
    assertThat(early).isInstanceOf(EntryOutcome.Rejected.class);
    assertThat(((EntryOutcome.Rejected) early).code()).isEqualTo("CLOCK_SKEW");
    // Within the co-op's clock skew (2 minutes by default) it is fine.
    assertThat(story.submitAt(vote, created - Duration.ofMinutes(1).toMillis()))
        .isInstanceOf(EntryOutcome.Applied.class);
  }

  @Test
  void theClockSkewIsARulebookParameter() {
    story.accept(coop.genesis(DefaultRulebook.rulebook().text() + "clock-skew: 10m\n", List.of()));
    assertThat(story.state.parsedRulebook().clockSkew().duration()).hasMinutes(10);
    coop.setClock(coop.clock() + HOUR);
    byte[] proposal = coop.propose("alice", "t", new Governed.Decision());
    long created = coop.clock() - 1000;
    story.submitAt(proposal, created - Duration.ofMinutes(11).toMillis());
    assertThat(story.state.proposals()).isEmpty();
    assertThat(story.submitAt(proposal, created - Duration.ofMinutes(9).toMillis()))
        .isInstanceOf(EntryOutcome.Applied.class);
  }

  @Test
  void timeNeverGoesBackEvenAfterARestart() {
    found(ActionKind.DECISION, "vote(quorum=0%, approve>50%, window=1h)");
    EntryId d = propose("alice", new Governed.Decision());
    long opened = story.state.proposal(d).orElseThrow().openedAt();
    // carol signs a vote in the window, allowing it three hours.
    coop.setClock(opened + 30 * 60_000L);
    byte[] lateYes =
        coop.sign(
            "carol",
            new org.coopledger.governance.action.CastVote(d, VoteChoice.YES, ""),
            opened + 3 * HOUR);
    coop.setClock(opened + 2 * HOUR);
    story.accept(coop.propose("bob", "later", new Governed.Decision()));
    // The node restarts: its state comes back from bytes, and its clock is reset.
    story.state = CoopState.decode(story.state.encode());
    assertThat(story.state.lastAcceptedAt()).isEqualTo(opened + 2 * HOUR + 100);

    EntryOutcome back = story.submitAt(lateYes, opened + 30 * 60_000L);

    assertThat(((EntryOutcome.Rejected) back).code()).isEqualTo("VOTING_CLOSED");
    assertThat(story.state.lastAcceptedAt()).isEqualTo(opened + 2 * HOUR + 100);
  }

  @Test
  void everyEntryMustCarryAnExpiry() {
    story.accept(coop.genesis());
    Entry entry =
        new Entry(
            coop.coopId(),
            coop.key("tess").id(),
            1,
            coop.clock(),
            0,
            new RecordRevenue(1, "EUR", "workshop", ""));
    story.reject(EntrySigner.sign(entry, coop.key("tess")), "NO_EXPIRY");
  }

  @Test
  void aTimelockCountsFromTheFreshApprovalAfterAnEarlierOneRanOut() {
    found(ActionKind.DECISION, "1 of role(treasurer) within 1h & timelock(48h)");
    EntryId d = propose("alice", new Governed.Decision());
    story.accept(coop.approve("tess", d));
    // tess's approval runs out an hour later; 50 hours on, bob approves afresh.
    coop.setClock(coop.clock() + 50 * HOUR);
    story.accept(coop.approve("bob", d));

    EntryOutcome.Rejected r = story.reject(coop.execute("alice", d), "CLAUSE_NOT_MET");
    assertThat(r.message()).contains("timelock ends at");
  }

  @Test
  void anApprovalThatRanOutCanBeGivenAgainWithoutAWithdraw() {
    found(ActionKind.DECISION, "1 of role(treasurer) within 1h & timelock(2h)");
    EntryId d = propose("alice", new Governed.Decision());
    story.accept(coop.approve("tess", d));
    story.reject(coop.approve("tess", d), "ALREADY_APPROVED");
    coop.setClock(coop.clock() + 2 * HOUR);
    story.accept(coop.approve("tess", d));
    // The timelock counts from the renewed approval, which itself runs out after an hour.
    story.reject(coop.execute("alice", d), "CLAUSE_NOT_MET");
  }
}
