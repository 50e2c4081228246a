package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RegionPrice;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Tranche;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.testkit.CoopFixture;

/** Random but well-signed ledgers of the demo co-op, and the steps that applied them. */
final class RandomLedger {
  static final List<String> NAMES = List.of("alice", "bob", "carol", "tess", "audrey");

  static final List<String> SOURCES =
      List.of("subscription", "subscription:gold", "drop:a", "drop:b", "workshop");

  /** The pool drop:a gives a fifth to, which expenses are paid from. */
  static final org.coopledger.governance.split.Account POOL =
      new org.coopledger.governance.split.Account(
          org.coopledger.governance.split.Account.Kind.POOL, "a");

  /** Split names ("" is the default split). */
  static final List<String> SPLIT_NAMES = List.of("", "drop:a", "membership", "drop:b");

  static final List<String> ROUTE_SOURCES =
      List.of("drop:a", "drop:*", "subscription:*", "subscription:gold");

  /** One thing a member does (indices pick members and earlier proposals). */
  sealed interface Op {}

  /** {@code source} picks one of {@link #SOURCES}. */
  record Revenue(int member, long amount, int source) implements Op {}

  /** Proposes a version of one of {@link #SPLIT_NAMES} (not the default split). */
  record ProposeNamedSplit(int author, int name, int alice, int bob) implements Op {}

  /** Routes one of {@link #ROUTE_SOURCES} to one of {@link #SPLIT_NAMES}, or removes its route. */
  record ProposeRoute(int author, int source, int split, boolean remove) implements Op {}

  record ProposePayout(int author, int beneficiary, long amount) implements Op {}

  record ProposeSplit(int author, int alice, int bob) implements Op {}

  record Approve(int member, int proposal) implements Op {}

  record Withdraw(int member, int proposal) implements Op {}

  record Vote(int member, int proposal, VoteChoice choice) implements Op {}

  record Execute(int member, int proposal) implements Op {}

  record Rotate(int member) implements Op {}

  /** The members in {@code mask} (bit i = member i) approve and vote yes; then one executes. */
  record Rally(int mask, int proposal, int executor) implements Op {}

  record Wait(long hours) implements Op {}

  record ProposeDecision(int author) implements Op {}

  /** Proposes admitting a newcomer (a fresh key and name). */
  record ProposeAdmit(int author) implements Op {}

  record ProposeRemove(int author, int member) implements Op {}

  /** {@code roles}: bit 0 creator, bit 1 treasurer, bit 2 auditor (at least one set). */
  record ProposeRoles(int author, int member, int roles) implements Op {}

  /** Proposes the default rulebook, with or without an auditor's veto on decisions. */
  record ProposeRulebook(int author, boolean decisionVeto) implements Op {}

  record VetoOp(int member, int proposal) implements Op {}

  /**
   * Proposes reimbursing one of alice, bob or carol: from pool:a, or before split drop:a (the
   * generated rulebook's expense clause is one treasurer other than the claimant and author).
   */
  record ProposeExpense(int author, int claimant, long amount, boolean fromPool) implements Op {}

  /** The membership tier defined at the start (eu 5.00, in 2.00 EUR a month). */
  static final String TIER = "silver";

  /** Regions of revenue of {@link #TIER}: two it is sold in, one it never is. */
  static final List<String> REGIONS = List.of("eu", "in", "us");

  /**
   * Subscription revenue of {@link #TIER}: {@code months} at the price in force of region {@code
   * region} (of {@link #REGIONS}), one minor unit too much if {@code wrongPrice}.
   */
  record TierRevenue(int member, long months, int region, boolean wrongPrice) implements Op {}

  /** Proposes {@link #TIER}'s price list: eu at {@code euPrice}, and in at 2.00 unless dropped. */
  record ProposeTier(int author, long euPrice, boolean dropIn) implements Op {}

  /** A receipt's SHA-256 (of nothing in particular: the ledger keeps only the hash). */
  static final String RECEIPT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** The default rulebook with auditors holding a 24-hour veto on decisions. */
  static final String VETO_RULEBOOK =
      org.coopledger.governance.clause.DefaultRulebook.rulebook()
              .text()
              .replace(
                  "decision: " + org.coopledger.governance.clause.DefaultRulebook.MAJORITY,
                  "decision: "
                      + org.coopledger.governance.clause.DefaultRulebook.MAJORITY
                      + " & veto(role(auditor), 24h)")
          + "expense: 1 of role(treasurer)\n"
          + "tier: 1 of role(treasurer)\n";

  /** An entry applied to {@code before}, giving {@code outcome}. */
  record Step(CoopState before, AcceptedEntry record, EntryOutcome outcome) {}

  static Arbitrary<List<Op>> ops() {
    Arbitrary<Integer> member = Arbitraries.integers().between(0, NAMES.size() - 1);
    Arbitrary<Integer> proposal = Arbitraries.integers().between(0, 1000);
    // Founders and admitted newcomers alike (indices past the current members wrap around).
    Arbitrary<Integer> anyMember = Arbitraries.integers().between(0, 9);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                2,
                Combinators.combine(
                        member,
                        Arbitraries.longs().between(1, 1_000_000),
                        Arbitraries.integers().between(0, SOURCES.size() - 1))
                    .as(Revenue::new)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(
                        member,
                        Arbitraries.integers().between(1, SPLIT_NAMES.size() - 1),
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 10_000))
                    .as(ProposeNamedSplit::new)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(
                        member,
                        Arbitraries.integers().between(0, ROUTE_SOURCES.size() - 1),
                        Arbitraries.integers().between(0, SPLIT_NAMES.size() - 1),
                        Arbitraries.of(false, false, true))
                    .as(ProposeRoute::new)),
            net.jqwik.api.Tuple.of(
                2,
                Combinators.combine(
                        member,
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.frequencyOf(
                            net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(1, 20_000)),
                            net.jqwik.api.Tuple.of(
                                1, Arbitraries.longs().between(100_001, 150_000))))
                    .as(ProposePayout::new)),
            net.jqwik.api.Tuple.of(
                3,
                Combinators.combine(
                        member,
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 10_000))
                    .as(ProposeSplit::new)),
            net.jqwik.api.Tuple.of(6, Combinators.combine(member, proposal).as(Approve::new)),
            net.jqwik.api.Tuple.of(1, Combinators.combine(member, proposal).as(Withdraw::new)),
            net.jqwik.api.Tuple.of(
                3,
                Combinators.combine(member, proposal, Arbitraries.of(VoteChoice.class))
                    .as(Vote::new)),
            net.jqwik.api.Tuple.of(3, Combinators.combine(member, proposal).as(Execute::new)),
            net.jqwik.api.Tuple.of(1, member.map(Rotate::new)),
            net.jqwik.api.Tuple.of(
                5,
                Combinators.combine(Arbitraries.integers().between(0, 31), proposal, member)
                    .as(Rally::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 200).map(Wait::new)),
            net.jqwik.api.Tuple.of(1, member.map(ProposeDecision::new)),
            net.jqwik.api.Tuple.of(1, member.map(ProposeAdmit::new)),
            net.jqwik.api.Tuple.of(
                1, Combinators.combine(member, anyMember).as(ProposeRemove::new)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(member, anyMember, Arbitraries.integers().between(1, 7))
                    .as(ProposeRoles::new)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(member, Arbitraries.of(true, false)).as(ProposeRulebook::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(member, proposal).as(VetoOp::new)),
            net.jqwik.api.Tuple.of(
                2,
                Combinators.combine(
                        member,
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.longs().between(1, 60_000),
                        Arbitraries.of(true, false))
                    .as(ProposeExpense::new)),
            net.jqwik.api.Tuple.of(
                2,
                Combinators.combine(
                        member,
                        Arbitraries.longs().between(1, 12),
                        Arbitraries.integers().between(0, REGIONS.size() - 1),
                        Arbitraries.of(false, false, false, true))
                    .as(TierRevenue::new)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(
                        member, Arbitraries.longs().between(1, 1_000), Arbitraries.of(false, true))
                    .as(ProposeTier::new)));
    return op.list().ofMinSize(5).ofMaxSize(80);
  }

  /** Founds the demo co-op with a split and applies {@code ops}, entry by entry. */
  static List<Step> run(List<Op> ops) {
    return run(ops, List.of(100L));
  }

  /**
   * As {@link #run(List)}, the node stamping entry {@code i} at its creation time plus {@code
   * stampOffsets[i % size]} milliseconds (negative: before it was made).
   */
  static List<Step> run(List<Op> ops, List<Long> stampOffsets) {
    int[] index = {0};
    CoopFixture coop = CoopFixture.demo();
    List<Step> steps = new ArrayList<>();
    List<EntryId> proposals = new ArrayList<>();
    List<EntryId> decisions = new ArrayList<>();
    CoopState[] state = {CoopState.empty()};
    java.util.function.Function<byte[], EntryOutcome> apply =
        entry -> {
          long offset = stampOffsets.get(index[0]++ % stampOffsets.size());
          AcceptedEntry record = new AcceptedEntry(entry, coop.clock() - 1000 + offset);
          EntryOutcome outcome = StateMachine.apply(state[0], record, SignatureVerifier.CRYPTO);
          steps.add(new Step(state[0], record, outcome));
          state[0] = outcome.state();
          return outcome;
        };
    java.util.function.Consumer<byte[]> submit =
        entry -> {
          EntryOutcome ignored = apply.apply(entry);
        };
    java.util.function.Consumer<byte[]> propose =
        entry -> {
          if (apply.apply(entry) instanceof EntryOutcome.Applied) {
            proposals.add(CoopFixture.idOf(entry));
          }
        };
    // Everyone approves and votes yes, then tess executes (if the proposal was accepted at all).
    java.util.function.Consumer<byte[]> rallyAll =
        entry -> {
          EntryId id = CoopFixture.idOf(entry);
          if (proposals.contains(id)) {
            for (String name : NAMES) {
              submit.accept(coop.approve(name, id));
              submit.accept(coop.vote(name, id, VoteChoice.YES));
            }
            submit.accept(coop.execute("tess", id));
          }
        };
    List<String> people = new ArrayList<>(NAMES);
    submit.accept(
        coop.genesis(
            VETO_RULEBOOK,
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 3000))));
    submit.accept(coop.revenue("tess", 1_000_000, "EUR", "drop:launch"));
    // A named split with a route to it from the start (routes to splits not adopted are refused,
    // and proposals rarely gather every beneficiary's approval by chance).
    byte[] drop =
        coop.propose(
            "alice",
            "drop:a",
            new Governed.SplitChange(
                List.of(
                    new Share(coop.id("alice"), 4000),
                    new Share(coop.id("carol"), 4000),
                    new Share(POOL.id(), 2000)),
                "drop:a",
                List.of(POOL),
                // Recoup tranches that revenue ends mid-entry in most ledgers.
                List.of(
                    // The pool's first (expenses are paid from it), then bob's.
                    new Tranche(POOL.id(), 300_000, "EUR", "launch"),
                    new Tranche(coop.id("bob"), 400_000, "EUR", "pressing"))));
    submit.accept(drop);
    for (String name : NAMES) {
      submit.accept(coop.approve(name, CoopFixture.idOf(drop)));
      submit.accept(coop.vote(name, CoopFixture.idOf(drop), VoteChoice.YES));
    }
    submit.accept(coop.execute("tess", CoopFixture.idOf(drop)));
    byte[] route =
        coop.propose("bob", "route", new Governed.RouteChange("drop:a", "drop:a", false));
    submit.accept(route);
    for (String name : NAMES) {
      submit.accept(coop.approve(name, CoopFixture.idOf(route)));
      submit.accept(coop.vote(name, CoopFixture.idOf(route), VoteChoice.YES));
    }
    submit.accept(coop.execute("tess", CoopFixture.idOf(route)));
    // Sales that pay part of the pool's tranche, so expenses can be paid from it.
    submit.accept(coop.revenue("tess", 100_000, "EUR", "drop:a"));
    // A membership tier from the start, so that its subscriptions come in.
    byte[] tier =
        coop.propose(
            "alice",
            "tier",
            new Governed.TierChange(
                TIER,
                List.of(new RegionPrice("eu", 500, "EUR"), new RegionPrice("in", 200, "EUR"))));
    propose.accept(tier);
    rallyAll.accept(tier);
    for (Op op : ops) {
      switch (op) {
        case Revenue r ->
            // Mostly by a treasurer (who may record revenue), sometimes by someone who may not.
            submit.accept(
                coop.revenue(
                    r.member() == 0 ? "alice" : r.member() % 2 == 0 ? "tess" : "bob",
                    r.amount(),
                    "EUR",
                    SOURCES.get(r.source())));
        case ProposeNamedSplit p ->
            propose.accept(
                coop.propose(
                    NAMES.get(p.author()),
                    "named split",
                    new Governed.SplitChange(
                        shares(coop, p.alice(), p.bob()),
                        SPLIT_NAMES.get(p.name()),
                        List.of(),
                        p.alice() % 2 == 0
                            ? List.of(
                                new Tranche(coop.id("bob"), (p.bob() + 1) * 37L, "EUR", "costs"))
                            : List.of())));
        case ProposeRoute p -> {
          // Mostly to a split the co-op adopted (a route to any other is refused when proposed).
          List<String> adopted = List.copyOf(state[0].money().splits().keySet());
          String split = SPLIT_NAMES.get(p.split());
          if (p.split() > 0 && !adopted.isEmpty() && !adopted.contains(split)) {
            split = adopted.get(p.split() % adopted.size());
          }
          propose.accept(
              coop.propose(
                  NAMES.get(p.author()),
                  "route",
                  new Governed.RouteChange(
                      ROUTE_SOURCES.get(p.source()), p.remove() ? "" : split, p.remove())));
        }
        case ProposePayout p -> {
          byte[] e =
              coop.propose(
                  NAMES.get(p.author()),
                  "pay",
                  new Governed.Payout(coop.id(NAMES.get(p.beneficiary())), p.amount(), "EUR", ""));
          propose.accept(e);
          // A third of payouts gather everyone's approval at once: an executed payout needs two
          // treasurers other than author and payee, which random approvals rarely line up (the
          // coverage checks of MoneyProperties and LedgerProperties failed ~5% of runs without).
          if (p.amount() % 3 == 0) {
            rallyAll.accept(e);
          }
        }
        case ProposeSplit p -> {
          byte[] e =
              coop.propose(
                  NAMES.get(p.author()),
                  "split",
                  new Governed.SplitChange(shares(coop, p.alice(), p.bob())));
          propose.accept(e);
          if (p.bob() % 10 == 0) { // as payouts: every beneficiary approving is rare by chance
            rallyAll.accept(e);
          }
        }
        case Approve a ->
            pick(proposals, a.proposal())
                .ifPresent(id -> submit.accept(coop.approve(NAMES.get(a.member()), id)));
        case Withdraw w ->
            pick(proposals, w.proposal())
                .ifPresent(id -> submit.accept(coop.withdraw(NAMES.get(w.member()), id)));
        case Vote v ->
            pick(proposals, v.proposal())
                .ifPresent(id -> submit.accept(coop.vote(NAMES.get(v.member()), id, v.choice())));
        case Execute x ->
            pick(proposals, x.proposal())
                .ifPresent(id -> submit.accept(coop.execute(NAMES.get(x.member()), id)));
        case Rotate r -> submit.accept(coop.rotateKey(NAMES.get(r.member())));
        case Rally r ->
            pick(proposals, r.proposal())
                .ifPresent(
                    id -> {
                      for (int i = 0; i < NAMES.size(); i++) {
                        if ((r.mask() & (1 << i)) != 0) {
                          submit.accept(coop.approve(NAMES.get(i), id));
                          submit.accept(coop.vote(NAMES.get(i), id, VoteChoice.YES));
                        }
                      }
                      submit.accept(coop.execute(NAMES.get(r.executor()), id));
                    });
        case Wait w -> coop.setClock(coop.clock() + w.hours() * 3_600_000L);
        case ProposeDecision d -> {
          byte[] e = coop.propose(NAMES.get(d.author()), "decide", new Governed.Decision());
          propose.accept(e);
          if (!proposals.isEmpty() && proposals.getLast().equals(CoopFixture.idOf(e))) {
            decisions.add(proposals.getLast());
          }
        }
        case ProposeAdmit a -> {
          String newcomer = "newcomer" + people.size();
          coop.addKey(newcomer);
          people.add(newcomer);
          propose.accept(
              coop.propose(
                  NAMES.get(a.author()),
                  "admit",
                  new Governed.AdmitMember(coop.newMember(newcomer, List.of("creator")))));
        }
        case ProposeRemove r ->
            propose.accept(
                coop.propose(
                    NAMES.get(r.author()),
                    "remove",
                    new Governed.RemoveMember(coop.id(people.get(r.member() % people.size())))));
        case ProposeRoles r -> {
          List<String> roles = new ArrayList<>();
          String[] all = {"creator", "treasurer", "auditor"};
          for (int i = 0; i < all.length; i++) {
            if ((r.roles() & (1 << i)) != 0) {
              roles.add(all[i]);
            }
          }
          propose.accept(
              coop.propose(
                  NAMES.get(r.author()),
                  "roles",
                  new Governed.ChangeRoles(
                      coop.id(people.get(r.member() % people.size())), roles)));
        }
        case ProposeRulebook r ->
            propose.accept(
                coop.propose(
                    NAMES.get(r.author()),
                    "rulebook",
                    new Governed.RulebookChange(
                        r.decisionVeto()
                            ? VETO_RULEBOOK
                            : org.coopledger.governance.clause.DefaultRulebook.rulebook().text())));
        case ProposeExpense x ->
            propose.accept(
                coop.propose(
                    NAMES.get(x.author()),
                    "expense",
                    new Governed.Expense(
                        coop.id(NAMES.get(x.claimant())),
                        x.amount(),
                        "EUR",
                        RECEIPT,
                        x.fromPool() ? "a" : "",
                        x.fromPool() ? "" : "drop:a")));
        case TierRevenue t -> {
          String region = REGIONS.get(t.region());
          long price =
              state[0]
                  .money()
                  .tier(TIER)
                  .flatMap(x -> x.price(region))
                  .map(RegionPrice::amountMinor)
                  .orElse(500L);
          submit.accept(
              coop.subscription(
                  t.member() == 0 ? "alice" : t.member() % 2 == 0 ? "tess" : "bob",
                  t.months() * price + (t.wrongPrice() ? 1 : 0),
                  "EUR",
                  TIER,
                  region,
                  t.months()));
        }
        case ProposeTier t -> {
          List<RegionPrice> prices = new ArrayList<>();
          prices.add(new RegionPrice("eu", t.euPrice(), "EUR"));
          if (!t.dropIn()) {
            prices.add(new RegionPrice("in", 200, "EUR"));
          }
          byte[] e =
              coop.propose(NAMES.get(t.author()), "tier", new Governed.TierChange(TIER, prices));
          propose.accept(e);
          if (t.euPrice() % 4 == 0) { // a treasurer other than the author rarely approves by chance
            rallyAll.accept(e);
          }
        }
        case VetoOp v ->
            // Only decisions carry a veto (the auditors'), so aim at them, mostly as the auditor;
            // anyone else's veto, or one on another kind, is refused.
            pick(v.proposal() % 3 == 0 ? proposals : decisions, v.proposal())
                .ifPresent(
                    id ->
                        submit.accept(
                            coop.veto(
                                v.member() % 2 == 0 ? "audrey" : NAMES.get(v.member()), id, "no")));
      }
    }
    return steps;
  }

  /** alice's basis points, bob's (of what is left) and carol the rest. */
  private static List<Share> shares(CoopFixture coop, int alice, int bob) {
    int a = Math.min(alice, 10_000);
    int b = Math.min(bob, 10_000 - a);
    List<Share> shares = new ArrayList<>();
    if (a > 0) {
      shares.add(new Share(coop.id("alice"), a));
    }
    if (b > 0) {
      shares.add(new Share(coop.id("bob"), b));
    }
    if (10_000 - a - b > 0) {
      shares.add(new Share(coop.id("carol"), 10_000 - a - b));
    }
    return shares;
  }

  private static java.util.Optional<EntryId> pick(List<EntryId> proposals, int index) {
    if (proposals.isEmpty()) {
      return java.util.Optional.empty();
    }
    // Mostly the latest proposal, so that approvals and votes pile up on one and it executes.
    int i = index < 700 ? proposals.size() - 1 : index % proposals.size();
    return java.util.Optional.of(proposals.get(i));
  }

  private RandomLedger() {}
}
