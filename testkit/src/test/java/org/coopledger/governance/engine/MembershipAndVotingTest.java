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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipAndVotingTest {
  private static final List<String> ALL = List.of("alice", "bob", "carol", "tess", "audrey");
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  @BeforeEach
  void found() {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook()
                .text()
                .replace(
                    "decision: vote(quorum=50%, approve>50%, window=7d)",
                    "decision: vote(quorum=50%, approve>50%, window=7d) & veto(role(auditor), 24h)"),
            List.of(new Share(coop.id("alice"), 10_000))));
  }

  private EntryId propose(String author, Governed governed) {
    byte[] entry = coop.propose(author, "t", governed);
    story.accept(entry);
    return CoopFixture.idOf(entry);
  }

  private void allVote(EntryId id, VoteChoice choice) {
    for (String m : ALL) {
      story.accept(coop.vote(m, id, choice));
    }
  }

  @Test
  void anAdmittedMemberCanActWithTheirOwnKey() {
    coop.addKey("dana");
    EntryId admit =
        propose("alice", new Governed.AdmitMember(coop.newMember("dana", List.of("creator"))));
    allVote(admit, VoteChoice.YES);
    story.accept(coop.execute("bob", admit));

    assertThat(story.state.member(coop.id("dana")).orElseThrow().roles())
        .containsExactly("creator");
    story.accept(coop.propose("dana", "hello", new Governed.Decision()));
  }

  @Test
  void aRemovedMemberCanNoLongerActButASplitHolderMustLoseTheirShareFirst() {
    story.reject(
        coop.propose("bob", "t", new Governed.RemoveMember(coop.id("alice"))), "MEMBER_IN_SPLIT");
    EntryId remove = propose("bob", new Governed.RemoveMember(coop.id("carol")));
    allVote(remove, VoteChoice.YES);
    story.accept(coop.execute("bob", remove));

    assertThat(story.state.member(coop.id("carol")).orElseThrow().active()).isFalse();
    story.reject(coop.propose("carol", "still here?", new Governed.Decision()), "NOT_A_MEMBER");
  }

  @Test
  void rolesChangeThroughAProposal() {
    EntryId change =
        propose("tess", new Governed.ChangeRoles(coop.id("carol"), List.of("treasurer")));
    allVote(change, VoteChoice.YES);
    story.accept(coop.execute("tess", change));
    assertThat(story.state.member(coop.id("carol")).orElseThrow().roles())
        .containsExactly("treasurer");
  }

  @Test
  void aMemberMayChangeTheirVoteUntilTheWindowCloses() {
    EntryId decision = propose("carol", new Governed.Decision());
    story.accept(coop.vote("alice", decision, VoteChoice.NO));
    story.accept(coop.vote("alice", decision, VoteChoice.YES));
    assertThat(
            story.state.proposal(decision).orElseThrow().ballots().get(coop.id("alice")).choice())
        .isEqualTo(VoteChoice.YES);

    coop.setClock(coop.clock() + Duration.ofDays(8).toMillis());
    story.reject(coop.vote("alice", decision, VoteChoice.NO), "VOTING_CLOSED");
  }

  @Test
  void aFailedVoteIsClosedAsRejectedByExecute() {
    EntryId decision = propose("carol", new Governed.Decision());
    allVote(decision, VoteChoice.NO);
    EntryOutcome.Applied closed = story.accept(coop.execute("carol", decision));
    assertThat(closed.summary()).contains("rejected");
    assertThat(story.state.proposal(decision).orElseThrow().status())
        .isEqualTo(ProposalStatus.REJECTED);
    story.reject(coop.approve("bob", decision), "PROPOSAL_CLOSED");
  }

  @Test
  void anAuditorVetoStopsADecisionAndOthersHaveNoVeto() {
    EntryId decision = propose("carol", new Governed.Decision());
    allVote(decision, VoteChoice.YES);
    story.reject(coop.execute("carol", decision), "CLAUSE_NOT_MET");
    story.reject(coop.veto("bob", decision, "no"), "NO_VETO_RIGHT");
    story.accept(coop.veto("audrey", decision, "conflicts with the tour budget"));

    coop.setClock(coop.clock() + Duration.ofDays(2).toMillis());
    story.accept(coop.execute("carol", decision));
    assertThat(story.state.proposal(decision).orElseThrow().status())
        .isEqualTo(ProposalStatus.REJECTED);
  }

  @Test
  void withoutAVetoTheDecisionPassesAfterTheVetoWindow() {
    EntryId decision = propose("carol", new Governed.Decision());
    allVote(decision, VoteChoice.YES);
    coop.setClock(coop.clock() + Duration.ofHours(25).toMillis());
    story.accept(coop.execute("carol", decision));
    assertThat(story.state.proposal(decision).orElseThrow().status())
        .isEqualTo(ProposalStatus.EXECUTED);
  }

  @Test
  void aWithdrawnApprovalNoLongerCounts() {
    coop.setClock(coop.clock());
    EntryId split =
        propose(
            "bob",
            new Governed.SplitChange(
                List.of(new Share(coop.id("alice"), 5000), new Share(coop.id("bob"), 5000))));
    story.accept(coop.approve("alice", split));
    story.accept(coop.approve("bob", split));
    allVote(split, VoteChoice.YES);
    story.accept(coop.withdraw("alice", split));
    EntryOutcome.Rejected r = story.reject(coop.execute("bob", split), "CLAUSE_NOT_MET");
    assertThat(r.message()).contains("alice");
    story.reject(coop.withdraw("alice", split), "NOT_APPROVED");
  }

  @Test
  void anUnexecutedProposalExpires() {
    EntryId decision = propose("carol", new Governed.Decision());
    coop.setClock(coop.clock() + Duration.ofDays(40).toMillis());
    story.reject(coop.approve("bob", decision), "PROPOSAL_CLOSED");
    story.accept(coop.execute("bob", decision));
    assertThat(story.state.proposal(decision).orElseThrow().status())
        .isEqualTo(ProposalStatus.EXPIRED);
  }
}
