package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.split.Account;
import org.coopledger.governance.view.CoopView;
import org.coopledger.governance.view.MemberView;
import org.coopledger.governance.view.MoneyView;
import org.coopledger.governance.view.ProposalView;
import org.coopledger.governance.view.SplitView;
import org.coopledger.governance.view.TallyView;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The read models {@code /v1/state} and the CLI show: each field says exactly what the ledger holds
 * (tallies by weight and choice, who approved and vetoed when, when a proposal's conditions were
 * met and when it closed, the money model), so that a member deciding how to vote or an auditor
 * comparing them is not misled.
 */
class ReadModelTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final Account PROMOTION = new Account(Account.Kind.POOL, "promotion");
  private static final Account VENUE = new Account(Account.Kind.GUEST, "harbour-hall");

  private final Replay demo = Replay.of(DemoLedger.records());
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private EntryId propose(String author, Governed governed) {
    byte[] entry = coop.propose(author, "t", governed);
    story.accept(entry);
    return CoopFixture.idOf(entry);
  }

  private ProposalView view(EntryId id) {
    return ReadModel.proposal(story.state, id, story.state.lastAcceptedAt()).orElseThrow();
  }

  private String hex(String name) {
    return coop.id(name).hex();
  }

  @Test
  void theDemoLedgerIsAcceptedEntirely() {
    assertThat(demo.rejections()).isEmpty();
    assertThat(Replay.of(DemoLedger.records()).state().digestHex())
        .isEqualTo(demo.state().digestHex());
  }

  @Test
  void proposalsShowTalliesAndWhatTheirClauseStillNeeds() {
    long asOf = DemoLedger.records().getLast().acceptedAtMillis();
    var proposals = ReadModel.proposals(demo.state(), asOf);
    assertThat(proposals).hasSize(3);
    ProposalView decision =
        proposals.stream().filter(p -> p.kind().equals("decision")).findFirst().orElseThrow();
    assertThat(decision.status()).isEqualTo("open");
    assertThat(decision.tally()).isEqualTo(new TallyView(1, 0, 0, 4, 5));
    assertThat(decision.executable()).isFalse();
    assertThat(decision.canNeverPass()).isFalse();
    assertThat(decision.missing()).isNotEmpty();
    assertThat(decision.votingClosesAtMillis())
        .isEqualTo(decision.openedAtMillis() + 7 * 86_400_000L);

    ProposalView payout =
        proposals.stream().filter(p -> p.kind().equals("payout")).findFirst().orElseThrow();
    assertThat(payout.status()).isEqualTo("executed");
    assertThat(payout.details()).containsEntry("amountMinor", "50000");
    assertThat(payout.approvals()).hasSize(2);
  }

  @Test
  void balancesAndSplitsAreListedByMember() {
    var balances = ReadModel.balances(demo.state());
    long total = balances.stream().mapToLong(b -> b.amountMinor()).sum();
    assertThat(total).isEqualTo(250_000 + 12_345 - 50_000);
    var split = ReadModel.splits(demo.state()).getFirst();
    assertThat(split.shares()).extracting(s -> s.percent()).contains("40.00", "30.00");
    assertThat(ReadModel.coop(demo.state()).stateDigest()).isEqualTo(demo.state().digestHex());
    assertThat(ReadModel.members(demo.state())).hasSize(5);
  }

  @Test
  void theCoopViewCountsOnlyProposalsStillOpen() {
    // The demo has three proposals: the split and the payout executed, the decision open.
    CoopView view = ReadModel.coop(demo.state());

    assertThat(view.coopId()).isEqualTo("demo-coop");
    assertThat(view.name()).isEqualTo("Demo Co-op");
    assertThat(view.members()).isEqualTo(5);
    assertThat(view.proposals()).isEqualTo(3);
    assertThat(view.openProposals()).isEqualTo(1);
    assertThat(view.splitVersion()).isEqualTo(1);
  }

  @Test
  void aMemberViewShowsTheCurrentKeyTheLastNonceAndWhetherTheyAreStillAMember() {
    story.accept(coop.genesis());
    EntryId remove = propose("alice", new Governed.RemoveMember(coop.id("audrey")));
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, remove, VoteChoice.YES));
    }
    story.accept(coop.execute("bob", remove));
    story.accept(coop.rotateKey("carol"));

    List<MemberView> members = ReadModel.members(story.state);

    assertThat(members).hasSize(5);
    MemberView carol =
        members.stream().filter(m -> m.name().equals("carol")).findFirst().orElseThrow();
    // carol's id is her first key's; her current key is the one she rotated to.
    assertThat(carol.id()).isEqualTo(hex("carol"));
    assertThat(carol.keyId()).isEqualTo(coop.key("carol").id().hex()).isNotEqualTo(carol.id());
    assertThat(carol.publicKey()).isEqualTo(coop.key("carol").publicKey().base64());
    assertThat(carol.roles()).containsExactly("creator");
    // carol signed her vote (nonce 1) and her rotation (nonce 2); cosigning genesis uses none.
    assertThat(carol.lastNonce()).isEqualTo(2);
    assertThat(carol.active()).isTrue();
    MemberView audrey =
        members.stream().filter(m -> m.name().equals("audrey")).findFirst().orElseThrow();
    assertThat(audrey.active()).isFalse();
    assertThat(ReadModel.coop(story.state).members()).isEqualTo(4);
  }

  @Test
  void aTallyCountsEveryChoiceByWeightAndWhatIsStillUncast() {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook()
                .with(
                    ActionKind.DECISION,
                    Clause.parse("vote(weight=share, quorum=0%, approve>50%, window=7d)"))
                .text(),
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 2000),
                new Share(coop.id("tess"), 1000))));
    EntryId d = propose("alice", new Governed.Decision());
    story.accept(coop.vote("alice", d, VoteChoice.YES));
    story.accept(coop.vote("bob", d, VoteChoice.NO));
    story.accept(coop.vote("carol", d, VoteChoice.ABSTAIN));

    // audrey has no share, so no weight: she is not in the electorate at all.
    assertThat(view(d).tally()).isEqualTo(new TallyView(4000, 3000, 2000, 1000, 10_000));
  }

  @Test
  void aProposalShowsWhenItsConditionsWereMetAndWhenItWasExecuted() {
    var records = DemoLedger.records();
    long secondPayoutApproval = records.get(15).acceptedAtMillis();
    long payoutExecuted = records.get(16).acceptedAtMillis();
    long asOf = records.getLast().acceptedAtMillis();
    ProposalView payout =
        ReadModel.proposals(demo.state(), asOf).stream()
            .filter(p -> p.kind().equals("payout"))
            .findFirst()
            .orElseThrow();
    ProposalView decision =
        ReadModel.proposals(demo.state(), asOf).stream()
            .filter(p -> p.kind().equals("decision"))
            .findFirst()
            .orElseThrow();

    assertThat(payout.conditionsMetAtMillis()).isEqualTo(secondPayoutApproval);
    assertThat(payout.closedAtMillis()).isEqualTo(payoutExecuted);
    // Closed: nothing is executable or missing any more.
    assertThat(payout.executable()).isFalse();
    assertThat(payout.canNeverPass()).isFalse();
    assertThat(payout.missing()).isEmpty();
    assertThat(payout.approvals())
        .containsOnlyKeys(hex("tess"), hex("bob"))
        .containsValues(records.get(14).acceptedAtMillis(), secondPayoutApproval);
    assertThat(decision.conditionsMetAtMillis()).isNull();
    assertThat(decision.closedAtMillis()).isNull();
    assertThat(ReadModel.proposal(demo.state(), new EntryId(payout.id()), asOf)).contains(payout);
  }

  @Test
  void timesAtTheEpochAreShownAsTimesNotAsNever() {
    // A ledger whose clock starts at 0 (as a test network's might): a proposal whose clause holds
    // at once is met at 0 and executed at 0; -1, not 0, means "not yet".
    CoopFixture epoch = new CoopFixture("epoch-coop", "Epoch", CoopFixture.DEMO_PEOPLE, 0);
    Story s = new Story(epoch);
    s.submitAt(
        epoch.genesis(
            DefaultRulebook.rulebook().with(ActionKind.DECISION, Clause.parse("always")).text(),
            List.of()),
        0);
    byte[] decision = epoch.propose("alice", "t", new Governed.Decision());
    assertThat(s.submitAt(decision, 0)).isInstanceOf(EntryOutcome.Applied.class);
    EntryId d = CoopFixture.idOf(decision);
    assertThat(ReadModel.proposal(s.state, d, 0).orElseThrow().conditionsMetAtMillis())
        .isEqualTo(0L);
    assertThat(ReadModel.proposal(s.state, d, 0).orElseThrow().closedAtMillis()).isNull();
    assertThat(s.submitAt(epoch.execute("bob", d), 0)).isInstanceOf(EntryOutcome.Applied.class);

    ProposalView executed = ReadModel.proposal(s.state, d, 0).orElseThrow();
    assertThat(executed.status()).isEqualTo("executed");
    assertThat(executed.closedAtMillis()).isEqualTo(0L);
  }

  @Test
  void aProposalVotedDownShowsItCanNeverPassOnceItsWindowClosed() {
    story.accept(coop.genesis());
    EntryId d = propose("alice", new Governed.Decision());
    for (String m : List.of("alice", "bob", "carol")) {
      story.accept(coop.vote(m, d, VoteChoice.NO));
    }
    long opened = story.state.proposal(d).orElseThrow().openedAt();

    ProposalView after = ReadModel.proposal(story.state, d, opened + 8 * 24 * HOUR).orElseThrow();

    assertThat(after.status()).isEqualTo("open");
    assertThat(after.canNeverPass()).isTrue();
    assertThat(after.executable()).isFalse();
    assertThat(after.tally()).isEqualTo(new TallyView(0, 3, 0, 2, 5));
    assertThat(after.asOfMillis()).isEqualTo(opened + 8 * 24 * HOUR);
    assertThat(ReadModel.proposal(story.state, new EntryId(hexOf(0)), opened)).isEmpty();
  }

  @Test
  void aVetoIsShownWithWhoCastItAndWhen() {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook()
                .with(
                    ActionKind.DECISION,
                    Clause.parse(
                        "vote(quorum=50%, approve>50%, window=7d) & veto(role(auditor), 24h)"))
                .text(),
            List.of()));
    EntryId d = propose("alice", new Governed.Decision());
    story.accept(coop.veto("audrey", d, "not now"));
    long vetoedAt = story.ledger.getLast().acceptedAtMillis();

    assertThat(view(d).vetoes()).containsExactly(entry(hex("audrey"), vetoedAt));
    assertThat(view(d).approvals()).isEmpty();
  }

  @Test
  void aSplitChangeShowsEverySharePoolGuestAndItsName() {
    story.accept(coop.genesis());
    EntryId named =
        propose(
            "alice",
            new Governed.SplitChange(
                List.of(
                    new Share(coop.id("alice"), 4000),
                    new Share(coop.id("carol"), 4000),
                    new Share(PROMOTION.id(), 1000),
                    new Share(VENUE.id(), 1000)),
                "drop:summer",
                List.of(PROMOTION, VENUE)));
    EntryId unnamed =
        propose("bob", new Governed.SplitChange(List.of(new Share(coop.id("bob"), 10_000))));

    assertThat(view(named).details())
        .containsOnly(
            entry("share." + hex("alice"), "4000"),
            entry("share." + hex("carol"), "4000"),
            entry("share." + PROMOTION.id().hex(), "1000"),
            entry("share." + VENUE.id().hex(), "1000"),
            entry("split", "drop:summer"),
            entry("account." + PROMOTION.id().hex(), "pool:promotion"),
            entry("account." + VENUE.id().hex(), "guest:harbour-hall"));
    // The default split has no name: no "split" entry.
    assertThat(view(unnamed).details()).containsOnly(entry("share." + hex("bob"), "10000"));
  }

  @Test
  void theMoneyViewShowsNamedSplitsRoutesAccountsAndDrops() {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().text() + "drop: " + DefaultRulebook.MAJORITY + "\n",
            List.of(new Share(coop.id("bob"), 10_000))));
    long opens = coop.clock();
    EntryId split =
        propose(
            "alice",
            new Governed.SplitChange(
                List.of(
                    new Share(coop.id("alice"), 4000),
                    new Share(coop.id("carol"), 4000),
                    new Share(PROMOTION.id(), 1000),
                    new Share(VENUE.id(), 1000)),
                "drop:summer",
                List.of(PROMOTION, VENUE)));
    story.accept(coop.approve("alice", split));
    story.accept(coop.approve("carol", split));
    EntryId drop =
        propose(
            "alice",
            new Governed.DefineDrop(
                "vinyl", "Harbour Hall, 21 June", 3, 2500, "EUR", opens, opens + 25 * HOUR));
    for (EntryId id : List.of(split, drop)) {
      for (String m : RandomLedger.NAMES) {
        story.accept(coop.vote(m, id, VoteChoice.YES));
      }
    }
    story.accept(coop.execute("tess", split));
    long adopted = story.ledger.getLast().acceptedAtMillis();
    story.accept(coop.execute("tess", drop));
    // Routing every drop to the summer split takes bob's part of them: he approves.
    EntryId route = propose("alice", new Governed.RouteChange("drop:*", "drop:summer", false));
    for (String m : List.of("alice", "bob", "carol")) {
      story.accept(coop.approve(m, route));
    }
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, route, VoteChoice.YES));
    }
    story.accept(coop.execute("tess", route));
    story.accept(coop.revenue("tess", 5000, "EUR", "drop:vinyl", 2));

    MoneyView money = ReadModel.money(story.state);

    assertThat(money.splits()).hasSize(1);
    assertThat(money.splits().getFirst().name()).isEqualTo("drop:summer");
    SplitView v1 = money.splits().getFirst().versions().getFirst();
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.adoptedAtMillis()).isEqualTo(adopted);
    assertThat(v1.shares())
        .extracting(s -> s.name() + " " + s.percent())
        .containsExactlyInAnyOrder(
            "alice 40.00", "carol 40.00", "pool:promotion 10.00", "guest:harbour-hall 10.00");
    assertThat(money.routes()).containsExactly(new MoneyView.RouteView("drop:*", "drop:summer"));
    assertThat(money.accounts())
        .containsExactlyInAnyOrder(
            new MoneyView.AccountView(PROMOTION.id().hex(), "pool:promotion", "pool"),
            new MoneyView.AccountView(VENUE.id().hex(), "guest:harbour-hall", "guest"));
    assertThat(money.drops())
        .containsExactly(
            new MoneyView.DropView(
                "vinyl", "Harbour Hall, 21 June", 3, 2, 2500, "EUR", opens, opens + 25 * HOUR));
    // The sale went to the drop's split: the pool's balance is named by the pool.
    assertThat(ReadModel.balances(story.state))
        .extracting(b -> b.name() + " " + b.amountMinor())
        .containsExactlyInAnyOrder(
            "alice 2000", "carol 2000", "pool:promotion 500", "guest:harbour-hall 500");
  }

  @Test
  void aRouteRemovalSaysSoAndAnOrdinaryRouteDoesNot() {
    story.accept(coop.genesis());
    EntryId set = propose("alice", new Governed.RouteChange("drop:summer", "", false));
    EntryId remove = propose("alice", new Governed.RouteChange("drop:summer", "", true));

    assertThat(view(set).details())
        .containsOnly(entry("source", "drop:summer"), entry("split", ""));
    assertThat(view(remove).details())
        .containsOnly(entry("source", "drop:summer"), entry("split", ""), entry("remove", "true"));
  }

  @Test
  void aNodeChangeShowsTheNodeAddedTheNodeRemovedOrBoth() {
    List<NetworkNode> four =
        List.of(
            coop.node("ann", 7001),
            coop.node("ben", 7002),
            coop.node("cat", 7003),
            coop.node("dan", 7004));
    story.accept(coop.genesis("", List.of(), four));
    NetworkNode eve = coop.node("eve", 7005);
    NetworkNode newBen = new NetworkNode("ben", coop.nodeKey("ben2").publicKey(), "10.0.0.2:7070");

    EntryId add = propose("alice", new Governed.NodeChange("", eve));
    EntryId drop = propose("alice", new Governed.NodeChange("dan", null));
    EntryId replace = propose("alice", new Governed.NodeChange("ben", newBen));

    assertThat(view(add).details())
        .containsOnly(
            entry("add.name", "eve"),
            entry("add.publicKey", eve.key().base64()),
            entry("add.raftAddress", "127.0.0.1:7005"));
    assertThat(view(drop).details()).containsOnly(entry("remove", "dan"));
    assertThat(view(replace).details())
        .containsOnly(
            entry("remove", "ben"),
            entry("add.name", "ben"),
            entry("add.publicKey", newBen.key().base64()),
            entry("add.raftAddress", "10.0.0.2:7070"));
  }

  private static String hexOf(int b) {
    return String.format("%064x", b);
  }
}
