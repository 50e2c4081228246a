package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Account;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * Pools and guests (docs/money.md): the drop's split gives a tenth to the shared promotion fund and
 * a tenth to the venue, a guest with no vote. The promotion fund is paid out only under its own
 * clause; the guest is paid like a member, under the payout clause.
 */
class PoolsAndGuestsTest {
  private static final Account PROMOTION = new Account(Account.Kind.POOL, "promotion");
  private static final Account VENUE = new Account(Account.Kind.GUEST, "harbour-hall");
  private static final String POOL_CLAUSE = "2 of role(treasurer)";

  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private void found(boolean withPoolClause) {
    String rulebook =
        DefaultRulebook.rulebook().text()
            + (withPoolClause ? "pool-payout: " + POOL_CLAUSE + "\n" : "");
    story.accept(
        coop.genesis(
            rulebook,
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 3000))));
  }

  private EntryId rally(String author, Governed governed, List<String> approvers) {
    byte[] proposal = coop.propose(author, "money", governed);
    story.accept(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String a : approvers) {
      story.accept(coop.approve(a, id));
    }
    for (String member : RandomLedger.NAMES) {
      story.accept(coop.vote(member, id, VoteChoice.YES));
    }
    return id;
  }

  private void adopt(Governed governed, List<String> approvers) {
    story.accept(coop.execute("audrey", rally("alice", governed, approvers)));
  }

  /** drop:summer: alice 40 %, carol 40 %, the promotion fund 10 %, the venue 10 %; routed. */
  private void summerDropWithPoolAndGuest() {
    List<Share> shares = new ArrayList<>();
    shares.add(new Share(coop.id("alice"), 4000));
    shares.add(new Share(coop.id("carol"), 4000));
    shares.add(new Share(PROMOTION.id(), 1000));
    shares.add(new Share(VENUE.id(), 1000));
    adopt(
        new Governed.SplitChange(shares, "drop:summer", List.of(PROMOTION, VENUE)),
        List.of("alice", "carol"));
    adopt(
        new Governed.RouteChange("drop:summer", "drop:summer", false),
        List.of("alice", "bob", "carol"));
  }

  private long balance(MemberId id) {
    return story.state.balances().of(id, "EUR");
  }

  @Test
  void aDropsRevenueFillsThePromotionPoolAndTheVenuesBalanceExactly() {
    found(true);
    summerDropWithPoolAndGuest();

    story.accept(coop.revenue("tess", 100_003, "EUR", "drop:summer"));

    assertThat(
            balance(PROMOTION.id())
                + balance(VENUE.id())
                + balance(coop.id("alice"))
                + balance(coop.id("carol")))
        .isEqualTo(100_003);
    assertThat(balance(PROMOTION.id())).isBetween(10_000L, 10_001L);
    assertThat(balance(VENUE.id())).isBetween(10_000L, 10_001L);
    assertThat(story.state.money().account(PROMOTION.id())).contains(PROMOTION);
    assertThat(ReadModel.balances(story.state))
        .extracting(b -> b.name())
        .contains("pool:promotion", "guest:harbour-hall");
  }

  @Test
  void aPoolIsPaidOutUnderItsOwnClauseAndNeverAsAMembersPayout() {
    found(true);
    summerDropWithPoolAndGuest();
    story.accept(coop.revenue("tess", 100_000, "EUR", "drop:summer"));

    // The member payout clause cannot be used to empty the pool.
    story.reject(
        coop.propose("bob", "drain", new Governed.Payout(PROMOTION.id(), 5000, "EUR", "")),
        RejectionCode.PAYOUT_FROM_POOL);

    byte[] posters =
        coop.propose(
            "alice",
            "posters",
            new Governed.PoolPayout("promotion", 6000, "EUR", "Print shop", "invoice 17"));
    story.accept(posters);
    EntryId id = CoopFixture.idOf(posters);
    story.accept(coop.approve("bob", id));
    story.reject(coop.execute("alice", id), RejectionCode.CLAUSE_NOT_MET);
    story.accept(coop.approve("tess", id));
    story.accept(coop.execute("alice", id));

    assertThat(balance(PROMOTION.id())).isEqualTo(4000);
    // The pools report: the pool's credit from the drop, its payout, and the balance they leave.
    // (the story's ledger also holds the refused entries, which a node's ledger never does)
    var journal = new org.coopledger.governance.report.MoneyJournal();
    CoopState s = CoopState.empty();
    for (var record : story.ledger) {
      if (StateMachine.apply(s, record, SignatureVerifier.CRYPTO)
          instanceof EntryOutcome.Applied applied) {
        journal.applied(journal.size(), s, applied, record.toBytes());
        s = applied.state();
      }
    }
    var pools = org.coopledger.governance.report.Reports.pools(journal);
    assertThat(pools.pools()).hasSize(1);
    assertThat(pools.pools().get(0).movements())
        .extracting(m -> m.amountMinor() + " " + m.cause())
        .containsExactly("10000 revenue drop:summer", "-6000 pool-payout");
    assertThat(pools.pools().get(0).balances().get(0).amountMinor()).isEqualTo(4000);
    assertThat(pools.stateDigest()).isEqualTo(story.state.digestHex());
    story.reject(
        coop.propose(
            "alice", "more", new Governed.PoolPayout("promotion", 4001, "EUR", "Print shop", "")),
        RejectionCode.INSUFFICIENT_BALANCE);
  }

  @Test
  void aRulebookWithoutAPoolPayoutClauseCannotPayAPoolOut() {
    found(false);
    summerDropWithPoolAndGuest();
    story.accept(coop.revenue("tess", 100_000, "EUR", "drop:summer"));

    EntryOutcome.Rejected refused =
        story.reject(
            coop.propose(
                "alice", "posters", new Governed.PoolPayout("promotion", 100, "EUR", "Print", "")),
            RejectionCode.NOT_ALLOWED);
    assertThat(refused.message()).contains("pool-payout");
    // The stored rulebook of a co-op that never heard of pools reads as before.
    assertThat(story.state.rulebook()).isEqualTo(DefaultRulebook.rulebook().text());
  }

  @Test
  void aPoolTheCoopDoesNotHaveCannotBePaidOut() {
    found(true);
    story.reject(
        coop.propose(
            "alice", "posters", new Governed.PoolPayout("hardship", 100, "EUR", "Print", "")),
        RejectionCode.UNKNOWN_POOL);
  }

  @Test
  void theGuestIsPaidLikeAMemberButNeverVotesOrApproves() {
    found(true);
    summerDropWithPoolAndGuest();
    story.accept(coop.revenue("tess", 100_000, "EUR", "drop:summer"));

    byte[] fee =
        coop.propose("alice", "venue fee", new Governed.Payout(VENUE.id(), 10_000, "EUR", ""));
    story.accept(fee);
    EntryId id = CoopFixture.idOf(fee);
    story.accept(coop.approve("bob", id));
    story.accept(coop.approve("tess", id));
    story.accept(coop.execute("alice", id));

    assertThat(balance(VENUE.id())).isZero();
    // A split change that only touches the guest's share moves the members' money too: every
    // member whose share changes approves, and the guest is nobody's approver.
    assertThat(
            MoneyRules.beneficiaries(
                story.state,
                new Governed.SplitChange(
                    List.of(
                        new Share(coop.id("alice"), 4500),
                        new Share(coop.id("carol"), 4500),
                        new Share(PROMOTION.id(), 1000)),
                    "drop:summer")))
        .containsExactlyInAnyOrder(coop.id("alice"), coop.id("carol"));
  }

  @Test
  void poolsAndGuestsSurviveTheCanonicalEncoding() {
    found(true);
    summerDropWithPoolAndGuest();
    story.accept(coop.revenue("tess", 100_000, "EUR", "drop:summer"));

    CoopState decoded = CoopState.decode(story.state.encode());

    assertThat(decoded.digestHex()).isEqualTo(story.state.digestHex());
    assertThat(decoded.money().accounts()).containsValues(PROMOTION, VENUE);
  }
}
