package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The life of a small co-op: alice, bob and carol make music together (bob also keeps the books
 * with tess, their treasurer) and audrey audits.
 */
class CoopStoryTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private void foundAndAdoptSplit() {
    story.accept(coop.genesis());
    byte[] proposal =
        coop.propose(
            "alice",
            "first split",
            new Governed.SplitChange(
                List.of(
                    new Share(coop.id("alice"), 4000),
                    new Share(coop.id("bob"), 3000),
                    new Share(coop.id("carol"), 3000))));
    story.accept(proposal);
    EntryId split = CoopFixture.idOf(proposal);
    for (String creator : List.of("alice", "bob", "carol")) {
      story.accept(coop.approve(creator, split));
    }
    for (String member : List.of("alice", "bob", "carol", "tess", "audrey")) {
      story.accept(coop.vote(member, split, VoteChoice.YES));
    }
    story.accept(coop.execute("tess", split));
  }

  @Test
  void foundersFoundTheCoopWithTheDefaultRulebook() {
    story.accept(coop.genesis());

    assertThat(story.state.coopId()).isEqualTo("demo-coop");
    assertThat(story.state.activeMembers())
        .extracting(Member::name)
        .containsExactlyInAnyOrder("alice", "bob", "carol", "tess", "audrey");
    assertThat(story.state.rulebook()).isEqualTo(DefaultRulebook.rulebook().text());
    assertThat(story.state.currentSplit()).isEmpty();
  }

  @Test
  void aSecondGenesisIsRefused() {
    story.accept(coop.genesis());
    story.reject(coop.genesis(), "ALREADY_FOUNDED");
  }

  @Test
  void aSplitNeedsEveryCreatorWhoseShareChangesAndAMajority() {
    story.accept(coop.genesis());
    byte[] proposal =
        coop.propose(
            "alice",
            "first split",
            new Governed.SplitChange(
                List.of(
                    new Share(coop.id("alice"), 5000),
                    new Share(coop.id("bob"), 2500),
                    new Share(coop.id("carol"), 2500))));
    story.accept(proposal);
    EntryId split = CoopFixture.idOf(proposal);
    for (String member : List.of("alice", "bob", "carol", "tess", "audrey")) {
      story.accept(coop.vote(member, split, VoteChoice.YES));
    }
    story.accept(coop.approve("alice", story.state.proposal(split).orElseThrow().id()));
    story.accept(coop.approve("bob", split));

    EntryOutcome.Rejected early = story.reject(coop.execute("tess", split), "CLAUSE_NOT_MET");
    assertThat(early.message()).contains("carol");

    story.accept(coop.approve("carol", split));
    story.accept(coop.execute("tess", split));
    assertThat(story.state.currentSplit().orElseThrow().basisPointsOf(coop.id("alice")))
        .isEqualTo(5000);
    assertThat(story.state.proposal(split).orElseThrow().status())
        .isEqualTo(ProposalStatus.EXECUTED);
    story.reject(coop.execute("tess", split), "ALREADY_EXECUTED");
  }

  @Test
  void aSplitThatDoesNotAddUpTo10000IsRefusedWhenProposed() {
    story.accept(coop.genesis());
    EntryOutcome.Rejected r =
        story.reject(
            coop.propose(
                "alice",
                "greedy",
                new Governed.SplitChange(
                    List.of(new Share(coop.id("alice"), 6000), new Share(coop.id("bob"), 3000)))),
            "SPLIT_NOT_10000");
    assertThat(r.message()).contains("9000").contains("1000 are unassigned");
  }

  @Test
  void revenueFromADropIsDividedExactlyOverTheSplit() {
    foundAndAdoptSplit();

    story.accept(coop.revenue("tess", 10_001, "EUR", "drop:spring-tour"));

    var balances = story.state.balances();
    // 4000.4 / 3000.3 / 3000.3: the one left-over cent goes to the largest remainder (alice).
    assertThat(balances.of(coop.id("alice"), "EUR")).isEqualTo(4001);
    assertThat(balances.of(coop.id("bob"), "EUR")).isEqualTo(3000);
    assertThat(balances.of(coop.id("carol"), "EUR")).isEqualTo(3000);
  }

  @Test
  void onlyATreasurerRecordsRevenueAndOnlyOnceThereIsASplit() {
    story.accept(coop.genesis());
    story.reject(coop.revenue("tess", 100, "EUR", "subscription"), "NO_SPLIT");
    foundAndAdoptSplitAfterGenesis();
    story.reject(coop.revenue("alice", 100, "EUR", "subscription"), "NOT_ALLOWED");
  }

  private void foundAndAdoptSplitAfterGenesis() {
    byte[] proposal =
        coop.propose(
            "bob",
            "even split",
            new Governed.SplitChange(
                List.of(new Share(coop.id("alice"), 5000), new Share(coop.id("bob"), 5000))));
    story.accept(proposal);
    EntryId split = CoopFixture.idOf(proposal);
    story.accept(coop.approve("alice", split));
    story.accept(coop.approve("bob", split));
    for (String member : List.of("alice", "bob", "carol")) {
      story.accept(coop.vote(member, split, VoteChoice.YES));
    }
    story.accept(coop.execute("carol", split));
  }

  @Test
  void aPayoutNeedsTwoTreasurersOtherThanItsBeneficiary() {
    foundAndAdoptSplit();
    story.accept(coop.revenue("tess", 10_001, "EUR", "drop:spring-tour"));

    story.reject(
        coop.propose("alice", "too much", new Governed.Payout(coop.id("alice"), 4002, "EUR", "")),
        "INSUFFICIENT_BALANCE");
    byte[] proposal =
        coop.propose("bob", "bob's pay", new Governed.Payout(coop.id("bob"), 2000, "EUR", "inv-7"));
    story.accept(proposal);
    EntryId payout = CoopFixture.idOf(proposal);
    story.accept(coop.approve("bob", payout));
    story.accept(coop.approve("tess", payout));
    // bob is the beneficiary and the author: his approval does not count.
    EntryOutcome.Rejected notYet = story.reject(coop.execute("bob", payout), "CLAUSE_NOT_MET");
    assertThat(notYet.message()).contains("treasurer");

    // A second payout for alice: bob and tess are two treasurers who are neither author nor payee.
    byte[] forAlice =
        coop.propose(
            "alice", "alice's pay", new Governed.Payout(coop.id("alice"), 4001, "EUR", ""));
    story.accept(forAlice);
    EntryId alicePay = CoopFixture.idOf(forAlice);
    story.accept(coop.approve("tess", alicePay));
    story.accept(coop.approve("bob", alicePay));
    story.accept(coop.execute("audrey", alicePay));
    assertThat(story.state.balances().of(coop.id("alice"), "EUR")).isZero();
  }

  @Test
  void aRotatedKeyIsDeadFromTheRotationOn() {
    foundAndAdoptSplit();
    var oldKey = coop.key("carol");
    story.accept(coop.rotateKey("carol"));
    assertThat(story.state.member(coop.id("carol")).orElseThrow().key())
        .isEqualTo(coop.key("carol").publicKey());

    // An entry carol signed with her old key (as a thief holding it would) is refused.
    var stale =
        org.coopledger.governance.codec.EntrySigner.sign(
            new org.coopledger.governance.action.Entry(
                "demo-coop",
                oldKey.id(),
                99,
                coop.clock(),
                0,
                new org.coopledger.governance.action.RecordRevenue(1, "EUR", "workshop", "")),
            oldKey);
    EntryOutcome.Rejected r = story.reject(stale, "KEY_ROTATED");
    assertThat(r.message()).contains(coop.key("carol").id().hex());

    // With her new key she still acts as the same member.
    byte[] proposal = coop.propose("carol", "a tour", new Governed.Decision());
    story.accept(proposal);
    assertThat(story.state.proposal(CoopFixture.idOf(proposal)).orElseThrow().author())
        .isEqualTo(coop.id("carol"));
  }

  @Test
  void aRulebookChangeWaitsForItsTimelock() {
    foundAndAdoptSplit();
    String stricter =
        DefaultRulebook.rulebook().text().replace("2 of role(treasurer)", "all(role(treasurer))");
    byte[] proposal =
        coop.propose("alice", "stricter payouts", new Governed.RulebookChange(stricter));
    story.accept(proposal);
    EntryId change = CoopFixture.idOf(proposal);
    for (String member : List.of("alice", "bob", "carol", "tess")) {
      story.accept(coop.vote(member, change, VoteChoice.YES));
    }
    long decidedAt = coop.clock();
    assertThat(story.state.proposal(change).orElseThrow().status())
        .isEqualTo(ProposalStatus.PASSED);
    story.reject(coop.execute("alice", change), "CLAUSE_NOT_MET");

    coop.setClock(decidedAt + Duration.ofHours(47).toMillis());
    story.reject(coop.execute("alice", change), "CLAUSE_NOT_MET");
    coop.setClock(decidedAt + Duration.ofHours(49).toMillis());
    story.accept(coop.execute("alice", change));
    assertThat(story.state.rulebook()).contains("all(role(treasurer))");
  }

  @Test
  void replayingTheLedgerGivesTheSameStateByteForByte() {
    foundAndAdoptSplit();
    story.accept(coop.revenue("tess", 123_456, "EUR", "subscription"));
    story.accept(coop.rotateKey("alice"));

    Replay replay = Replay.of(story.ledger);
    assertThat(replay.state().digestHex()).isEqualTo(story.state.digestHex());
    assertThat(CoopState.decode(story.state.encode()).digestHex())
        .isEqualTo(story.state.digestHex());
  }
}
