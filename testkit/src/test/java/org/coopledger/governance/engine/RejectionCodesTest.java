package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One story per rejection code of the engine that no other test reaches: each entry is refused with
 * exactly its documented code (docs/governance.md) and the state is unchanged.
 */
class RejectionCodesTest {
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

  @Test
  void theSameProposalTwiceIsRefusedAsAReplayAndByTheDuplicateProposalGuard() {
    byte[] entry = coop.propose("alice", "t", new Governed.Decision());
    story.accept(entry);

    // Through the state machine, the nonce check comes first: the same body is the same nonce.
    story.reject(entry, RejectionCode.REPLAYED_NONCE);
    // The proposal guard behind it holds on its own: a body whose id already names a proposal.
    DecodedEntry decoded = EntryCodec.decode(entry);
    Member alice = story.state.member(coop.id("alice")).orElseThrow();
    StateMachine.Step step = new StateMachine.Step(story.state, decoded, alice, coop.clock());
    assertThatThrownBy(() -> Proposals.create(step, (CreateProposal) decoded.entry().action()))
        .isInstanceOfSatisfying(
            Rejection.class,
            r -> assertThat(r.errorCode()).isEqualTo(RejectionCode.DUPLICATE_PROPOSAL));
  }

  @Test
  void aVoteOnAProposalWhoseClauseHasNoVoteIsRefused() {
    story.accept(coop.revenue("tess", 50_000, "EUR", "workshop"));
    EntryId payout = propose("bob", new Governed.Payout(coop.id("alice"), 100, "EUR", "march"));

    story.reject(coop.vote("alice", payout, VoteChoice.YES), RejectionCode.NO_VOTE);
  }

  @Test
  void aMemberAdmittedAfterAProposalWasOpenedCannotVoteOnIt() {
    EntryId decision = propose("alice", new Governed.Decision());
    coop.addKey("dana");
    EntryId admit =
        propose("alice", new Governed.AdmitMember(coop.newMember("dana", List.of("creator"))));
    for (String m : ALL) {
      story.accept(coop.vote(m, admit, VoteChoice.YES));
    }
    story.accept(coop.execute("bob", admit));

    story.reject(coop.vote("dana", decision, VoteChoice.YES), RejectionCode.NOT_ELIGIBLE);
  }

  @Test
  void approvingTwiceIsRefused() {
    EntryId decision = propose("alice", new Governed.Decision());
    story.accept(coop.approve("bob", decision));

    story.reject(coop.approve("bob", decision), RejectionCode.ALREADY_APPROVED);
  }

  @Test
  void vetoingTwiceIsRefused() {
    EntryId decision = propose("alice", new Governed.Decision());
    story.accept(coop.veto("audrey", decision, "no"));

    story.reject(coop.veto("audrey", decision, "still no"), RejectionCode.ALREADY_VETOED);
  }

  @Test
  void revenueThatWouldOverflowABalanceIsRefused() {
    story.accept(coop.revenue("tess", Long.MAX_VALUE, "EUR", "sponsorship"));

    story.reject(coop.revenue("tess", 1, "EUR", "sponsorship"), "AMOUNT_TOO_LARGE");
    assertThat(story.state.balances().of(coop.id("alice"), "EUR")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aPayoutToSomeoneWhoIsNoMemberIsRefused() {
    story.accept(coop.revenue("tess", 50_000, "EUR", "workshop"));
    coop.addKey("stranger");

    story.reject(
        coop.propose("bob", "t", new Governed.Payout(coop.id("stranger"), 100, "EUR", "march")),
        RejectionCode.UNKNOWN_MEMBER);
  }

  @Test
  void admittingASecondMemberWithAnExistingNameIsRefused() {
    coop.addKey("other-alice");
    NewMember sameName =
        new NewMember(coop.key("other-alice").publicKey(), "ALICE", List.of("creator"));

    story.reject(
        coop.propose("bob", "t", new Governed.AdmitMember(sameName)),
        RejectionCode.DUPLICATE_MEMBER);
  }

  @Test
  void admittingSomeoneWithAKeyAlreadyInUseIsRefused() {
    NewMember bobsKey = new NewMember(coop.key("bob").publicKey(), "bobby", List.of("creator"));

    story.reject(
        coop.propose("alice", "t", new Governed.AdmitMember(bobsKey)), RejectionCode.KEY_IN_USE);
  }

  @Test
  void theLastMemberCannotBeRemoved() {
    CoopFixture solo =
        new CoopFixture(
            "solo-coop",
            "Solo",
            List.of(new CoopFixture.Person("sam", List.of("creator"))),
            CoopFixture.DEMO_START);
    Story alone = new Story(solo);
    alone.accept(solo.genesis());

    alone.reject(
        solo.propose("sam", "t", new Governed.RemoveMember(solo.id("sam"))),
        RejectionCode.LAST_MEMBER);
  }
}
