package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.split.Account;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * What a clause sees of a proposal: the member a {@code member(...)} names (by display name in any
 * case, or by any key id they ever had), the beneficiaries a {@code beneficiaries} vote draws, only
 * current members' approvals, and the amount of a pool payout.
 */
class ProposalContextTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private void found(ActionKind kind, String clause) {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().with(kind, Clause.parse(clause)).text(),
            List.of(new Share(coop.id("alice"), 10_000))));
    story.accept(coop.revenue("tess", 300_000, "EUR", "workshop"));
  }

  private EntryId propose(String author, Governed governed) {
    byte[] entry = coop.propose(author, "t", governed);
    story.accept(entry);
    return CoopFixture.idOf(entry);
  }

  private EntryId payout(long amount) {
    return propose("bob", new Governed.Payout(coop.id("alice"), amount, "EUR", "t"));
  }

  private void executeVotedThrough(Governed governed) {
    EntryId id = propose("alice", governed);
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, id, VoteChoice.YES));
    }
    story.accept(coop.execute("alice", id));
  }

  @Test
  void aMemberNamedByAKeyTheyRotatedAwayIsStillThatMember() {
    String carolsFirstKey = coop.key("carol").id().hex();
    found(ActionKind.PAYOUT, "2 of role(treasurer) & veto(member(" + carolsFirstKey + "), 24h)");
    story.accept(coop.rotateKey("carol"));
    EntryId p = payout(100);

    story.reject(coop.veto("alice", p, "no"), RejectionCode.NO_VETO_RIGHT);
    story.accept(coop.veto("carol", p, "no"));
  }

  @Test
  void aMemberNamedByDisplayNameIsFoundInAnyCaseAndOnlyThem() {
    found(ActionKind.DECISION, "vote(of=member(Carol), quorum=0%, approve>50%, window=1d)");
    EntryId d = propose("alice", new Governed.Decision());

    story.reject(coop.vote("alice", d, VoteChoice.YES), RejectionCode.NOT_ELIGIBLE);
    story.accept(coop.vote("carol", d, VoteChoice.YES));
    assertThat(
            ReadModel.proposal(story.state, d, story.state.lastAcceptedAt())
                .orElseThrow()
                .tally()
                .eligible())
        .isEqualTo(1);
  }

  @Test
  void aBeneficiariesVoteIsCastByThePayeeOnly() {
    found(ActionKind.PAYOUT, "vote(of=beneficiaries, quorum=0%, approve>50%, window=1d)");
    EntryId p = payout(100);

    story.reject(coop.vote("bob", p, VoteChoice.YES), RejectionCode.NOT_ELIGIBLE);
    story.accept(coop.vote("alice", p, VoteChoice.YES));
  }

  @Test
  void theMemberWhoseRolesChangeIsItsBeneficiary() {
    found(ActionKind.CHANGE_ROLES, "all(beneficiaries)");
    EntryId c =
        propose(
            "alice", new Governed.ChangeRoles(coop.id("carol"), List.of("creator", "treasurer")));

    story.reject(coop.execute("alice", c), RejectionCode.CLAUSE_NOT_MET);
    story.accept(coop.approve("carol", c));
    story.accept(coop.execute("alice", c));
    assertThat(story.state.member(coop.id("carol")).orElseThrow().roles())
        .containsExactly("creator", "treasurer");
  }

  @Test
  void anApprovalOfSomeoneNoLongerAMemberNoLongerCounts() {
    found(ActionKind.PAYOUT, "2 of role(treasurer)");
    EntryId p = payout(100);
    story.accept(coop.approve("bob", p));
    story.accept(coop.approve("tess", p));
    // tess is removed before the payout executes: her approval lapses with her membership.
    executeVotedThrough(new Governed.RemoveMember(coop.id("tess")));

    story.reject(coop.execute("alice", p), RejectionCode.CLAUSE_NOT_MET);
    assertThat(story.state.balances().of(coop.id("alice"), "EUR")).isEqualTo(300_000);
  }

  @Test
  void aPoolPayoutsAmountDecidesWhichBranchOfItsClauseApplies() {
    Account promotion = new Account(Account.Kind.POOL, "promotion");
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().text()
                + "pool-payout: if amount > 1000 then 2 of role(treasurer)"
                + " else 1 of role(treasurer)\n",
            List.of(new Share(coop.id("alice"), 10_000))));
    EntryId split =
        propose(
            "alice",
            new Governed.SplitChange(
                List.of(new Share(coop.id("alice"), 5000), new Share(promotion.id(), 5000)),
                "",
                List.of(promotion)));
    story.accept(coop.approve("alice", split));
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, split, VoteChoice.YES));
    }
    story.accept(coop.execute("tess", split));
    story.accept(coop.revenue("tess", 10_000, "EUR", "workshop"));

    EntryId small = propose("alice", new Governed.PoolPayout("promotion", 1000, "EUR", "x", ""));
    EntryId large = propose("alice", new Governed.PoolPayout("promotion", 1001, "EUR", "x", ""));
    story.accept(coop.approve("bob", small));
    story.accept(coop.approve("bob", large));
    story.accept(coop.execute("alice", small));
    story.reject(coop.execute("alice", large), RejectionCode.CLAUSE_NOT_MET);
    assertThat(story.state.balances().of(promotion.id(), "EUR")).isEqualTo(4000);
  }
}
