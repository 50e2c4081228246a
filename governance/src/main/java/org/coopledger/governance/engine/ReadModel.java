package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.ClauseResult;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Split;
import org.coopledger.governance.split.Tier;
import org.coopledger.governance.view.BalanceView;
import org.coopledger.governance.view.CoopView;
import org.coopledger.governance.view.MemberView;
import org.coopledger.governance.view.MoneyView;
import org.coopledger.governance.view.ProposalView;
import org.coopledger.governance.view.SplitView;
import org.coopledger.governance.view.TallyView;

/**
 * Builds the read models of a state (see {@code view}). Pure; "as of" times only affect what clause
 * evaluation reports, never the state.
 */
public final class ReadModel {
  private ReadModel() {}

  public static CoopView coop(CoopState s) {
    return new CoopView(
        s.coopId(),
        s.name(),
        s.activeMembers().size(),
        s.proposals().size(),
        (int) s.proposals().values().stream().filter(p -> !p.status().isClosed()).count(),
        s.currentSplit().map(Split::version).orElse(null),
        s.rulebook(),
        s.digestHex());
  }

  /** Every member ever admitted, by member id; removed ones have {@code active == false}. */
  public static List<MemberView> members(CoopState s) {
    return s.members().values().stream()
        .map(
            m ->
                new MemberView(
                    m.id().hex(),
                    m.name(),
                    m.roles(),
                    m.key().id().hex(),
                    m.key().base64(),
                    m.lastNonce(),
                    m.active()))
        .toList();
  }

  /** Every split version, oldest first. */
  public static List<SplitView> splits(CoopState s) {
    return s.splits().stream().map(split -> split(s, split)).toList();
  }

  /** Named splits (every version) and routing rules, by name and by source. */
  public static MoneyView money(CoopState s) {
    List<MoneyView.NamedSplitView> named = new ArrayList<>();
    s.money()
        .splits()
        .forEach(
            (name, versions) ->
                named.add(
                    new MoneyView.NamedSplitView(
                        name, versions.stream().map(v -> split(s, v)).toList())));
    List<MoneyView.RouteView> routes = new ArrayList<>();
    s.money()
        .routes()
        .forEach((source, split) -> routes.add(new MoneyView.RouteView(source, split)));
    List<MoneyView.AccountView> accounts = new ArrayList<>();
    s.money()
        .accounts()
        .forEach(
            (id, a) ->
                accounts.add(
                    new MoneyView.AccountView(
                        id.hex(), a.text(), a.kind().name().toLowerCase(Locale.ROOT))));
    List<MoneyView.DropView> drops = new ArrayList<>();
    s.money()
        .drops()
        .values()
        .forEach(
            x ->
                drops.add(
                    new MoneyView.DropView(
                        x.name(),
                        x.event(),
                        x.supplyCap(),
                        x.sold(),
                        x.unitPriceMinor(),
                        x.currency(),
                        x.saleOpensAtMillis(),
                        x.saleClosesAtMillis())));
    List<MoneyView.RecoupView> recoups = new ArrayList<>();
    s.money()
        .recoups()
        .forEach(
            (split, r) ->
                recoups.add(
                    new MoneyView.RecoupView(
                        split,
                        r.version(),
                        r.tranches().stream()
                            .map(
                                o ->
                                    new MoneyView.TrancheView(
                                        o.tranche().recipient().hex(),
                                        name(s, o.tranche().recipient()),
                                        o.tranche().amountMinor(),
                                        o.tranche().currency(),
                                        o.tranche().label(),
                                        o.owedMinor()))
                            .toList())));
    List<MoneyView.TierView> tiers = new ArrayList<>();
    for (Tier tier : s.money().tiers().values()) {
      tiers.add(
          new MoneyView.TierView(
              tier.name(),
              tier.versions().stream()
                  .map(
                      v ->
                          new MoneyView.PriceListView(
                              v.version(),
                              v.adoptedAtMillis(),
                              v.prices().stream()
                                  .map(
                                      p ->
                                          new MoneyView.PriceView(
                                              p.region(), p.amountMinor(), p.currency()))
                                  .toList()))
                  .toList()));
    }
    return new MoneyView(named, routes, accounts, drops, recoups, tiers);
  }

  private static SplitView split(CoopState s, Split split) {
    List<SplitView.ShareView> shares = new ArrayList<>();
    for (Share share : split.shares()) {
      shares.add(
          new SplitView.ShareView(
              share.member().hex(),
              name(s, share.member()),
              share.basisPoints(),
              String.format(
                  Locale.ROOT, "%d.%02d", share.basisPoints() / 100, share.basisPoints() % 100)));
    }
    return new SplitView(split.version(), split.adoptedAtMillis(), shares);
  }

  /** Every non-zero balance, by member id then currency. */
  public static List<BalanceView> balances(CoopState s) {
    List<BalanceView> out = new ArrayList<>();
    for (var member : s.balances().asMap().entrySet()) {
      for (var amount : member.getValue().entrySet()) {
        out.add(
            new BalanceView(
                member.getKey().hex(),
                name(s, member.getKey()),
                amount.getKey(),
                amount.getValue()));
      }
    }
    return out;
  }

  /** Every proposal, by id, with clause status as of {@code asOfMillis}. */
  public static List<ProposalView> proposals(CoopState s, long asOfMillis) {
    return s.proposals().values().stream().map(p -> proposal(s, p, asOfMillis)).toList();
  }

  public static java.util.Optional<ProposalView> proposal(
      CoopState s, EntryId id, long asOfMillis) {
    return s.proposal(id).map(p -> proposal(s, p, asOfMillis));
  }

  private static ProposalView proposal(CoopState s, Proposal p, long asOf) {
    Clause clause = Clauses.clauseFor(s, p);
    boolean closed = p.status().isClosed();
    ClauseResult result = closed ? null : Clauses.evaluate(s, p, asOf);
    long yes = 0;
    long no = 0;
    long abstain = 0;
    long eligible = 0;
    // The tally of the clause's first vote (the default electorate if it has none).
    Clause.Vote vote = Clauses.votes(clause).stream().findFirst().orElse(Clauses.EVERY_MEMBER_VOTE);
    for (Map.Entry<MemberId, Long> voter : ProposalContext.voterWeights(s, p, vote).entrySet()) {
      eligible += voter.getValue();
      Proposal.Ballot ballot = p.ballots().get(voter.getKey());
      if (ballot != null) {
        switch (ballot.choice()) {
          case YES -> yes += voter.getValue();
          case NO -> no += voter.getValue();
          case ABSTAIN -> abstain += voter.getValue();
        }
      }
    }
    SortedMap<String, Long> approvals = new TreeMap<>();
    p.approvals().forEach((k, v) -> approvals.put(k.hex(), v));
    SortedMap<String, Long> vetoes = new TreeMap<>();
    p.vetoes().forEach((k, v) -> vetoes.put(k.hex(), v.atMillis()));
    return new ProposalView(
        p.id().hex(),
        p.action().governed().kind(),
        p.action().title(),
        p.action().text(),
        p.author().hex(),
        p.openedAt(),
        details(p.action().governed()),
        p.status().name().toLowerCase(Locale.ROOT),
        clause.text(),
        result != null && result.holds(),
        result != null && result.neverHolds(),
        p.conditionsMetAt() < 0 ? null : p.conditionsMetAt(),
        result == null ? List.of() : result.missing(),
        new TallyView(yes, no, abstain, eligible - yes - no - abstain, eligible),
        approvals,
        vetoes,
        Clauses.voteClosesAt(clause, p).orElse(null),
        Clauses.expiresAt(clause, p),
        p.closedAt() < 0 ? null : p.closedAt(),
        asOf);
  }

  private static SortedMap<String, String> details(Governed governed) {
    SortedMap<String, String> d = new TreeMap<>();
    switch (governed) {
      case Governed.SplitChange s -> {
        s.shares()
            .forEach(share -> d.put("share." + share.member().hex(), "" + share.basisPoints()));
        if (!s.name().isEmpty()) {
          d.put("split", s.name());
        }
        s.accounts().forEach(a -> d.put("account." + a.id().hex(), a.text()));
        for (int i = 0; i < s.recoup().size(); i++) {
          var t = s.recoup().get(i);
          d.put(
              "recoup." + (i + 1),
              t.recipient().hex() + "=" + t.amountMinor() + ":" + t.currency() + ":" + t.label());
        }
      }
      case Governed.Expense x -> {
        d.put("claimant", x.claimant().hex());
        d.put("amountMinor", Long.toString(x.amountMinor()));
        d.put("currency", x.currency());
        d.put("receiptSha256", x.receiptSha256());
        if (x.fromPool()) {
          d.put("pool", x.pool());
        } else {
          d.put("beforeSplit", x.beforeSplit());
        }
      }
      case Governed.TierChange x -> {
        d.put("tier", x.tier());
        x.prices().forEach(p -> d.put("price." + p.region(), p.amountMinor() + " " + p.currency()));
      }
      case Governed.DefineDrop x -> {
        d.put("drop", x.name());
        d.put("event", x.event());
        d.put("supplyCap", Long.toString(x.supplyCap()));
        d.put("unitPriceMinor", Long.toString(x.unitPriceMinor()));
        d.put("currency", x.currency());
        d.put("saleOpensAtMillis", Long.toString(x.saleOpensAtMillis()));
        d.put("saleClosesAtMillis", Long.toString(x.saleClosesAtMillis()));
      }
      case Governed.PoolPayout p -> {
        d.put("pool", p.pool());
        d.put("amountMinor", Long.toString(p.amountMinor()));
        d.put("currency", p.currency());
        d.put("payee", p.payee());
        d.put("reference", p.reference());
      }
      case Governed.RouteChange r -> {
        d.put("source", r.source());
        d.put("split", r.split());
        if (r.remove()) {
          d.put("remove", "true");
        }
      }
      case Governed.AdmitMember a -> {
        d.put("memberId", a.member().id().hex());
        d.put("name", a.member().displayName());
        d.put("roles", String.join(",", a.member().roles()));
        d.put("publicKey", a.member().publicKey().base64());
      }
      case Governed.RemoveMember r -> d.put("memberId", r.member().hex());
      case Governed.ChangeRoles c -> {
        d.put("memberId", c.member().hex());
        d.put("roles", String.join(",", c.roles()));
      }
      case Governed.Payout p -> {
        d.put("memberId", p.member().hex());
        d.put("amountMinor", Long.toString(p.amountMinor()));
        d.put("currency", p.currency());
        d.put("reference", p.reference());
      }
      case Governed.RulebookChange r -> d.put("rulebook", r.rulebook());
      case Governed.Decision x -> {}
      case Governed.NodeChange n -> {
        if (!n.remove().isEmpty()) {
          d.put("remove", n.remove());
        }
        if (n.add() != null) {
          d.put("add.name", n.add().name());
          d.put("add.publicKey", n.add().key().base64());
          d.put("add.raftAddress", n.add().raftAddress());
        }
      }
      case Governed.RecoverKey r -> {
        d.put("memberId", r.member().hex());
        d.put("newKeyId", r.newKey().id().hex());
        d.put("newPublicKey", r.newKey().base64());
      }
    }
    return d;
  }

  private static String name(CoopState s, MemberId id) {
    return s.member(id)
        .map(Member::name)
        .or(() -> s.money().account(id).map(a -> a.text()))
        .orElse(id.hex());
  }
}
