package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Tranche;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Account;
import org.coopledger.governance.view.MoneyView;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * Recoup / waterfall (docs/money.md#recoup): the summer drop's split first repays the 500.00 EUR
 * the promotion fund put into posters, and only then divides between alice and carol. Exact to the
 * cent, tranche by tranche, in the revenue's currency only.
 */
class RecoupTest {
  private static final Account PROMOTION = new Account(Account.Kind.POOL, "promotion");
  private static final String SUMMER = "drop:summer";

  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private void found() {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().text(),
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 3000))));
  }

  private EntryId rally(Governed governed, List<String> approvers) {
    byte[] proposal = coop.propose("alice", "money", governed);
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
    story.accept(coop.execute("audrey", rally(governed, approvers)));
  }

  private static List<Share> halves(CoopFixture coop) {
    return List.of(new Share(coop.id("alice"), 5000), new Share(coop.id("carol"), 5000));
  }

  /** drop:summer (alice and carol, half each) with {@code recoup} first; routed. */
  private void summer(List<Tranche> recoup, List<String> approvers) {
    adopt(new Governed.SplitChange(halves(coop), SUMMER, List.of(PROMOTION), recoup), approvers);
    adopt(new Governed.RouteChange(SUMMER, SUMMER, false), List.of("alice", "bob", "carol"));
  }

  private Tranche posters() {
    return new Tranche(PROMOTION.id(), 50_000, "EUR", "posters");
  }

  private long eur(MemberId id) {
    return story.state.balances().of(id, "EUR");
  }

  private long owed(int tranche) {
    return story.state.money().recoup(SUMMER).orElseThrow().tranches().get(tranche).owedMinor();
  }

  @Test
  void aWaterfallThatEndsMidEntryPaysTheTranchesRestAndDividesTheRemainder() {
    found();
    summer(List.of(posters()), List.of("alice", "carol"));

    story.accept(coop.revenue("tess", 30_000, "EUR", SUMMER));
    assertThat(eur(PROMOTION.id())).isEqualTo(30_000);
    assertThat(eur(coop.id("alice"))).isZero();
    assertThat(owed(0)).isEqualTo(20_000);

    // 300.01 EUR: 200.00 end the tranche, the other 100.01 are divided by shares.
    story.accept(coop.revenue("tess", 30_001, "EUR", SUMMER));
    assertThat(eur(PROMOTION.id())).isEqualTo(50_000);
    assertThat(owed(0)).isZero();
    MemberId lower =
        coop.id("alice").compareTo(coop.id("carol")) < 0 ? coop.id("alice") : coop.id("carol");
    MemberId higher = lower.equals(coop.id("alice")) ? coop.id("carol") : coop.id("alice");
    assertThat(eur(lower)).isEqualTo(5_001);
    assertThat(eur(higher)).isEqualTo(5_000);

    // Repaid: from now on everything is divided by shares.
    story.accept(coop.revenue("tess", 10_000, "EUR", SUMMER));
    assertThat(eur(PROMOTION.id())).isEqualTo(50_000);
    assertThat(eur(lower) + eur(higher)).isEqualTo(20_001);
  }

  @Test
  void twoTranchesAreRepaidInTheirOrder() {
    found();
    Tranche pressing = new Tranche(coop.id("bob"), 5_000, "EUR", "pressing");
    summer(
        List.of(new Tranche(PROMOTION.id(), 10_000, "EUR", "posters"), pressing),
        List.of("alice", "bob", "carol"));

    story.accept(coop.revenue("tess", 12_000, "EUR", SUMMER));
    assertThat(eur(PROMOTION.id())).isEqualTo(10_000);
    assertThat(eur(coop.id("bob"))).isEqualTo(2_000);
    assertThat(owed(0)).isZero();
    assertThat(owed(1)).isEqualTo(3_000);

    story.accept(coop.revenue("tess", 4_000, "EUR", SUMMER));
    assertThat(eur(coop.id("bob"))).isEqualTo(5_000);
    assertThat(eur(coop.id("alice")) + eur(coop.id("carol"))).isEqualTo(1_000);
    assertThat(owed(1)).isZero();
  }

  @Test
  void revenueInAnotherCurrencyDoesNotTouchTheTranche() {
    found();
    summer(List.of(posters()), List.of("alice", "carol"));

    story.accept(coop.revenue("tess", 10_000, "USD", SUMMER));
    assertThat(story.state.balances().of(PROMOTION.id(), "USD")).isZero();
    assertThat(story.state.balances().of(coop.id("alice"), "USD")).isEqualTo(5_000);
    assertThat(owed(0)).isEqualTo(50_000);
  }

  @Test
  void theReadModelShowsWhatIsStillOwedAndTheStateSurvivesItsEncoding() {
    found();
    summer(List.of(posters()), List.of("alice", "carol"));
    story.accept(coop.revenue("tess", 12_345, "EUR", SUMMER));

    MoneyView money = ReadModel.money(story.state);
    assertThat(money.recoups()).hasSize(1);
    MoneyView.RecoupView recoup = money.recoups().get(0);
    assertThat(recoup.split()).isEqualTo(SUMMER);
    assertThat(recoup.version()).isEqualTo(1);
    MoneyView.TrancheView t = recoup.tranches().get(0);
    assertThat(t.recipientName()).isEqualTo("pool:promotion");
    assertThat(t.amountMinor()).isEqualTo(50_000);
    assertThat(t.owedMinor()).isEqualTo(50_000 - 12_345);
    assertThat(t.label()).isEqualTo("posters");

    CoopState decoded = CoopState.decode(story.state.encode());
    assertThat(decoded.digestHex()).isEqualTo(story.state.digestHex());
    assertThat(decoded.money().recoup(SUMMER)).isEqualTo(story.state.money().recoup(SUMMER));
  }

  @Test
  void aNewVersionStartsItsOwnTranchesAndEndingOneNeedsEveryShareholdersApproval() {
    found();
    summer(List.of(posters()), List.of("alice", "carol"));
    story.accept(coop.revenue("tess", 10_000, "EUR", SUMMER));

    // Same shares, no tranche: alice alone cannot end the promotion fund's tranche...
    EntryId alone = rally(new Governed.SplitChange(halves(coop), SUMMER), List.of("alice"));
    story.reject(coop.execute("audrey", alone), RejectionCode.CLAUSE_NOT_MET);
    // ...with carol's approval too, version 2 is in force and has no tranche.
    story.accept(coop.approve("carol", alone));
    story.accept(coop.execute("audrey", alone));
    assertThat(story.state.money().recoup(SUMMER)).isEmpty();
    story.accept(coop.revenue("tess", 10_000, "EUR", SUMMER));
    assertThat(eur(PROMOTION.id())).isEqualTo(10_000);
  }

  @Test
  void aTrancheForAnAccountTheSplitChangeDoesNotListIsRefused() {
    found();
    Account stranger = new Account(Account.Kind.GUEST, "stranger");
    story.reject(
        coop.propose(
            "alice",
            "sneaky",
            new Governed.SplitChange(
                halves(coop),
                SUMMER,
                List.of(),
                List.of(new Tranche(stranger.id(), 1, "EUR", "x")))),
        RejectionCode.UNKNOWN_MEMBER);
  }
}
