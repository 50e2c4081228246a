package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * What counts is what is in force now: a rulebook change governs every entry after it (not only the
 * one that adopted it), and a member removed while a vote is open no longer has a vote in it,
 * though the state keeps counts of each open proposal's ballots to avoid counting again.
 */
class RulesInForceTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private EntryId propose(String author, Governed governed) {
    byte[] entry = coop.propose(author, "t", governed);
    story.accept(entry);
    return CoopFixture.idOf(entry);
  }

  @Test
  void aNewRulebookGovernsEveryEntryAfterTheOneThatAdoptedIt() {
    story.accept(coop.genesis());
    String always =
        story
            .state
            .rulebook()
            .replace("decision: vote(quorum=50%, approve>50%, window=7d)", "decision: always");
    EntryId change = propose("alice", new Governed.RulebookChange(always));
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, change, VoteChoice.YES));
    }
    coop.setClock(coop.clock() + 49 * HOUR);
    story.accept(coop.execute("alice", change));
    // Some unrelated entries later, a decision needs nothing but to be proposed.
    story.accept(coop.propose("bob", "other", new Governed.Decision()));
    EntryId d = propose("carol", new Governed.Decision());

    story.accept(coop.execute("carol", d));
    assertThat(story.state.proposal(d).orElseThrow().status()).isEqualTo(ProposalStatus.EXECUTED);
  }

  @Test
  void aMemberRemovedWhileAVoteIsOpenNoLongerHasAVoteInIt() {
    story.accept(coop.genesis());
    EntryId d = propose("alice", new Governed.Decision());
    for (String m : List.of("alice", "tess", "audrey")) {
      story.accept(coop.vote(m, d, VoteChoice.YES));
    }
    for (String m : List.of("bob", "carol")) {
      story.accept(coop.vote(m, d, VoteChoice.NO));
    }
    // 3 of 5 for: it passes.
    assertThat(story.state.proposal(d).orElseThrow().status()).isEqualTo(ProposalStatus.PASSED);

    EntryId remove = propose("bob", new Governed.RemoveMember(coop.id("tess")));
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, remove, VoteChoice.YES));
    }
    story.accept(coop.execute("bob", remove));

    // Without tess, 2 for and 2 against: no majority, so the decision cannot pass.
    assertThat(story.state.proposal(d).orElseThrow().status()).isEqualTo(ProposalStatus.OPEN);
    coop.setClock(coop.clock() + 8 * 24 * HOUR);
    story.accept(coop.execute("alice", d));
    assertThat(story.state.proposal(d).orElseThrow().status()).isEqualTo(ProposalStatus.REJECTED);
  }
}
