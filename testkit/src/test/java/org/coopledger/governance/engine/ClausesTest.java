package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.split.Account;
import org.coopledger.governance.view.ProposalView;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * How the engine reads a clause's structure: votes, vetoes and windows inside {@code |} and {@code
 * if} count as well as those at the top, so a rulebook cannot accidentally lock out the members it
 * names (or let in those it does not), and a proposal's vote window and expiry are what its clause
 * says.
 */
class ClausesTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long GRACE = Duration.ofDays(30).toMillis();

  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  /** Founds the demo co-op (alice 100 % of the split) with {@code clause} for {@code kind}. */
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

  private ProposalView view(EntryId id) {
    return ReadModel.proposal(story.state, id, story.state.lastAcceptedAt()).orElseThrow();
  }

  private EntryId payout(long amount) {
    return propose("bob", new Governed.Payout(coop.id("alice"), amount, "EUR", "t"));
  }

  @Test
  void theVotersOfBothBranchesOfAnIfMayVoteAndNobodyElse() {
    found(
        ActionKind.PAYOUT,
        "if amount > 100000 then vote(of=role(treasurer), quorum=0%, approve>50%, window=1d)"
            + " else vote(of=role(creator), quorum=0%, approve>50%, window=3d)");
    EntryId big = payout(150_000);
    EntryId small = payout(100);

    // tess is only a treasurer, alice only a creator: each is in one branch's electorate.
    story.accept(coop.vote("tess", big, VoteChoice.YES));
    story.accept(coop.vote("alice", small, VoteChoice.YES));
    story.reject(coop.vote("audrey", big, VoteChoice.YES), RejectionCode.NOT_ELIGIBLE);

    // The view's tally is the first vote's (treasurers: bob and tess); the window is the longest
    // branch's; the expiry lays both windows end to end, plus the grace period.
    ProposalView view = view(big);
    assertThat(view.tally().eligible()).isEqualTo(2);
    assertThat(view.tally().yes()).isEqualTo(1);
    assertThat(view.votingClosesAtMillis()).isEqualTo(view.openedAtMillis() + 3 * DAY);
    assertThat(view.expiresAtMillis()).isEqualTo(view.openedAtMillis() + 4 * DAY + GRACE);
  }

  @Test
  void theVotersOfEitherSideOfAnOrMayVote() {
    found(
        ActionKind.DECISION,
        "vote(of=role(treasurer), quorum=0%, approve>50%, window=1d)"
            + " | vote(of=role(auditor), quorum=0%, approve>50%, window=2d)");
    EntryId d = propose("alice", new Governed.Decision());

    story.accept(coop.vote("audrey", d, VoteChoice.YES));
    story.accept(coop.vote("tess", d, VoteChoice.NO));
    story.reject(coop.vote("alice", d, VoteChoice.YES), RejectionCode.NOT_ELIGIBLE);

    ProposalView view = view(d);
    assertThat(view.votingClosesAtMillis()).isEqualTo(view.openedAtMillis() + 2 * DAY);
    assertThat(view.expiresAtMillis()).isEqualTo(view.openedAtMillis() + 3 * DAY + GRACE);
  }

  @Test
  void aVetoInTheElseBranchOfAnIfBelongsToTheMemberItNamesOnly() {
    found(
        ActionKind.PAYOUT,
        "if amount > 100000 then 2 of role(treasurer)"
            + " else 2 of role(treasurer) & veto(member(carol), 24h)");
    EntryId small = payout(100);

    story.reject(coop.veto("alice", small, "no"), RejectionCode.NO_VETO_RIGHT);
    story.accept(coop.veto("carol", small, "no"));
    assertThat(story.state.proposal(small).orElseThrow().vetoes())
        .containsOnlyKeys(coop.id("carol"));
  }

  @Test
  void aVetoInTheThenBranchOfAnIfBelongsToItsGroup() {
    found(
        ActionKind.PAYOUT,
        "if amount > 100000 then 2 of role(treasurer) & veto(role(auditor), 24h)"
            + " else 2 of role(treasurer)");
    EntryId big = payout(150_000);

    story.reject(coop.veto("bob", big, "no"), RejectionCode.NO_VETO_RIGHT);
    story.accept(coop.veto("audrey", big, "no"));
  }

  @Test
  void aVetoOnOneSideOfAnOrBelongsToItsGroup() {
    found(
        ActionKind.DECISION, "vote(quorum=50%, approve>50%, window=7d) | veto(role(auditor), 24h)");
    EntryId d = propose("alice", new Governed.Decision());

    story.reject(coop.veto("tess", d, "no"), RejectionCode.NO_VETO_RIGHT);
    story.accept(coop.veto("audrey", d, "no"));
  }

  @Test
  void anApprovalWindowCountsTowardsTheProposalsExpiry() {
    found(ActionKind.DECISION, "2 of role(treasurer) within 4h");
    EntryId d = propose("alice", new Governed.Decision());
    long opened = story.state.proposal(d).orElseThrow().openedAt();

    assertThat(view(d).expiresAtMillis()).isEqualTo(opened + 4 * HOUR + GRACE);
    assertThat(view(d).votingClosesAtMillis()).isNull();
    // An approval within the expiry counts; one after it finds the proposal closed.
    coop.setClock(opened + 4 * HOUR + GRACE - 10_000);
    story.accept(coop.approve("bob", d));
    coop.setClock(opened + 4 * HOUR + GRACE + 10_000);
    story.reject(coop.approve("tess", d), RejectionCode.PROPOSAL_CLOSED);
  }

  @Test
  void aRefusedPayoutNamesTheGuestOrTheMemberWhoseBalanceIsShort() {
    Account venue = new Account(Account.Kind.GUEST, "harbour-hall");
    story.accept(coop.genesis("", List.of(new Share(coop.id("alice"), 10_000))));
    byte[] split =
        coop.propose(
            "alice",
            "venue",
            new Governed.SplitChange(
                List.of(new Share(coop.id("alice"), 9000), new Share(venue.id(), 1000)),
                "",
                List.of(venue)));
    story.accept(split);
    EntryId id = CoopFixture.idOf(split);
    story.accept(coop.approve("alice", id));
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, id, VoteChoice.YES));
    }
    story.accept(coop.execute("tess", id));
    story.accept(coop.revenue("tess", 1000, "EUR", "workshop"));

    EntryOutcome.Rejected guest =
        story.reject(
            coop.propose("bob", "t", new Governed.Payout(venue.id(), 500, "EUR", "fee")),
            RejectionCode.INSUFFICIENT_BALANCE);
    assertThat(guest.message()).startsWith("the balance of guest:harbour-hall is 100 EUR");
    EntryOutcome.Rejected member =
        story.reject(
            coop.propose("bob", "t", new Governed.Payout(coop.id("alice"), 1000, "EUR", "t")),
            RejectionCode.INSUFFICIENT_BALANCE);
    assertThat(member.message())
        .startsWith(
            "the balance of alice (" + coop.id("alice").hex().substring(0, 8) + "...) is 900");
  }
}
