package org.coopledger.governance.codec;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.action.Action;
import org.coopledger.governance.action.Approve;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Execute;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.RegionPrice;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Veto;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.action.WithdrawApproval;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.split.Account;

/** Maps actions between protobuf messages and the records of {@code action}. */
final class ActionCodec {
  private ActionCodec() {}

  static Action fromProto(EntryBody body) {
    return switch (body.getActionCase()) {
      case GENESIS -> {
        var g = body.getGenesis();
        yield new Genesis(
            g.getName(),
            g.getFoundersList().stream().map(ActionCodec::member).toList(),
            g.getRulebook(),
            shares(g.getInitialSplitList()),
            g.getNodesList().stream().map(ActionCodec::node).toList());
      }
      case ROTATE_KEY -> new RotateKey(key(body.getRotateKey().getNewPublicKey()));
      case CREATE_PROPOSAL -> proposal(body.getCreateProposal());
      case CAST_VOTE -> {
        var v = body.getCastVote();
        VoteChoice choice =
            switch (v.getChoice()) {
              case YES -> VoteChoice.YES;
              case NO -> VoteChoice.NO;
              case ABSTAIN -> VoteChoice.ABSTAIN;
              case VOTE_CHOICE_UNSPECIFIED, UNRECOGNIZED ->
                  throw new MalformedEntryException("a vote must be yes, no or abstain");
            };
        yield new CastVote(proposalId(v.getProposalId()), choice, v.getReason());
      }
      case APPROVE -> new Approve(proposalId(body.getApprove().getProposalId()));
      case WITHDRAW_APPROVAL ->
          new WithdrawApproval(proposalId(body.getWithdrawApproval().getProposalId()));
      case VETO -> new Veto(proposalId(body.getVeto().getProposalId()), body.getVeto().getReason());
      case EXECUTE -> new Execute(proposalId(body.getExecute().getProposalId()));
      case RECORD_REVENUE -> {
        var r = body.getRecordRevenue();
        if (r.getUnits() < 0) {
          throw new MalformedEntryException("units sold exceed 2^63 - 1");
        }
        yield new RecordRevenue(
            r.getAmountMinor(),
            r.getCurrency(),
            r.getSource(),
            r.getReference(),
            r.getUnits(),
            r.getRegion());
      }
      case ACTION_NOT_SET ->
          throw new MalformedEntryException("the entry body carries no action (or an unknown one)");
    };
  }

  private static CreateProposal proposal(org.coopledger.governance.proto.CreateProposal p) {
    Governed governed =
        switch (p.getGovernedCase()) {
          case SPLIT_CHANGE ->
              new Governed.SplitChange(
                  shares(p.getSplitChange().getSharesList()),
                  p.getSplitChange().getName(),
                  accounts(p.getSplitChange().getAccountsList()),
                  p.getSplitChange().getRecoupList().stream()
                      .map(
                          t ->
                              new org.coopledger.governance.action.Tranche(
                                  memberId(t.getRecipient()),
                                  t.getAmountMinor(),
                                  t.getCurrency(),
                                  t.getLabel()))
                      .toList());
          case DEFINE_DROP -> {
            var d = p.getDefineDrop();
            if (d.getSupplyCap() < 0) {
              throw new MalformedEntryException("a supply cap exceeds 2^63 - 1");
            }
            yield new Governed.DefineDrop(
                d.getName(),
                d.getEvent(),
                d.getSupplyCap(),
                d.getUnitPriceMinor(),
                d.getCurrency(),
                d.getSaleOpensAtMillis(),
                d.getSaleClosesAtMillis());
          }
          case TIER_CHANGE -> {
            var t = p.getTierChange();
            List<RegionPrice> prices = new ArrayList<>();
            for (var price : t.getPricesList()) {
              prices.add(
                  new RegionPrice(price.getRegion(), price.getAmountMinor(), price.getCurrency()));
            }
            yield new Governed.TierChange(t.getTier(), prices);
          }
          case EXPENSE -> {
            var e = p.getExpense();
            yield new Governed.Expense(
                memberId(e.getClaimant()),
                e.getAmountMinor(),
                e.getCurrency(),
                e.getReceiptSha256(),
                e.getPool(),
                e.getBeforeSplit());
          }
          case POOL_PAYOUT -> {
            var pay = p.getPoolPayout();
            yield new Governed.PoolPayout(
                pay.getPool(),
                pay.getAmountMinor(),
                pay.getCurrency(),
                pay.getPayee(),
                pay.getReference());
          }
          case ROUTE_CHANGE ->
              new Governed.RouteChange(
                  p.getRouteChange().getSource(),
                  p.getRouteChange().getSplit(),
                  p.getRouteChange().getRemove());
          case ADMIT_MEMBER -> new Governed.AdmitMember(member(p.getAdmitMember().getMember()));
          case REMOVE_MEMBER ->
              new Governed.RemoveMember(memberId(p.getRemoveMember().getMemberId()));
          case CHANGE_ROLES ->
              new Governed.ChangeRoles(
                  memberId(p.getChangeRoles().getMemberId()),
                  canonicalRoles(p.getChangeRoles().getRolesList()));
          case PAYOUT -> {
            var pay = p.getPayout();
            yield new Governed.Payout(
                memberId(pay.getMemberId()),
                pay.getAmountMinor(),
                pay.getCurrency(),
                pay.getReference());
          }
          case RULEBOOK_CHANGE -> new Governed.RulebookChange(p.getRulebookChange().getRulebook());
          case DECISION -> new Governed.Decision();
          case RECOVER_KEY ->
              new Governed.RecoverKey(
                  memberId(p.getRecoverKey().getMemberId()),
                  key(p.getRecoverKey().getNewPublicKey()));
          case NODE_CHANGE ->
              new Governed.NodeChange(
                  p.getNodeChange().getRemove(),
                  p.getNodeChange().hasAdd() ? node(p.getNodeChange().getAdd()) : null);
          case GOVERNED_NOT_SET ->
              throw new MalformedEntryException(
                  "a proposal must wrap a governed action or a decision");
        };
    return new CreateProposal(p.getTitle(), p.getText(), governed);
  }

  private static NewMember member(org.coopledger.governance.proto.NewMember m) {
    return new NewMember(
        key(m.getPublicKey()), m.getDisplayName(), canonicalRoles(m.getRolesList()));
  }

  /**
   * Roles as the entry lists them, which must be their canonical form: sorted, each once. (The
   * action keeps them sorted, so another order would be a second encoding of the same entry.)
   */
  private static List<String> canonicalRoles(List<String> roles) {
    for (int i = 1; i < roles.size(); i++) {
      if (roles.get(i - 1).compareTo(roles.get(i)) >= 0) {
        throw new MalformedEntryException(
            "roles must be listed in sorted order, each once (the canonical form); got " + roles);
      }
    }
    return roles;
  }

  private static NetworkNode node(org.coopledger.governance.proto.NetworkNode n) {
    return new NetworkNode(n.getName(), key(n.getPublicKey()), n.getRaftAddress());
  }

  private static org.coopledger.governance.proto.NetworkNode node(NetworkNode n) {
    return org.coopledger.governance.proto.NetworkNode.newBuilder()
        .setName(n.name())
        .setPublicKey(ByteString.copyFrom(n.key().raw()))
        .setRaftAddress(n.raftAddress())
        .build();
  }

  private static List<Share> shares(List<org.coopledger.governance.proto.Share> shares) {
    return shares.stream()
        .map(s -> new Share(memberId(s.getMemberId()), s.getBasisPoints()))
        .toList();
  }

  private static List<Account> accounts(List<String> texts) {
    return texts.stream()
        .map(
            t ->
                Account.parse(t)
                    .orElseThrow(
                        () ->
                            new org.coopledger.governance.action.InvalidActionException(
                                "split account '" + t + "' is not pool:<name> or guest:<name>")))
        .toList();
  }

  private static PublicKey key(ByteString raw) {
    if (raw.size() != PublicKey.LENGTH) {
      throw new MalformedEntryException(
          "a public key must be 32 raw Ed25519 bytes, got " + raw.size());
    }
    return PublicKey.fromRaw(raw.toByteArray());
  }

  static MemberId memberId(String hex) {
    try {
      return new MemberId(hex);
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException("member id: " + e.getMessage(), e);
    }
  }

  private static EntryId proposalId(String hex) {
    return new EntryId(hex);
  }

  // ---- records to protobuf (for clients that build entries) ----

  static void toProto(Action action, EntryBody.Builder body) {
    switch (action) {
      case Genesis g ->
          body.setGenesis(
              org.coopledger.governance.proto.Genesis.newBuilder()
                  .setName(g.name())
                  .addAllFounders(g.founders().stream().map(ActionCodec::member).toList())
                  .setRulebook(g.rulebook())
                  .addAllInitialSplit(toProtoShares(g.initialSplit()))
                  .addAllNodes(g.nodes().stream().map(ActionCodec::node).toList()));
      case RotateKey r ->
          body.setRotateKey(
              org.coopledger.governance.proto.RotateKey.newBuilder()
                  .setNewPublicKey(ByteString.copyFrom(r.newKey().raw())));
      case CreateProposal p -> body.setCreateProposal(proposal(p));
      case CastVote v ->
          body.setCastVote(
              org.coopledger.governance.proto.CastVote.newBuilder()
                  .setProposalId(v.proposal().hex())
                  .setChoice(org.coopledger.governance.proto.VoteChoice.valueOf(v.choice().name()))
                  .setReason(v.reason()));
      case Approve a ->
          body.setApprove(
              org.coopledger.governance.proto.Approve.newBuilder()
                  .setProposalId(a.proposal().hex()));
      case WithdrawApproval w ->
          body.setWithdrawApproval(
              org.coopledger.governance.proto.WithdrawApproval.newBuilder()
                  .setProposalId(w.proposal().hex()));
      case Veto v ->
          body.setVeto(
              org.coopledger.governance.proto.Veto.newBuilder()
                  .setProposalId(v.proposal().hex())
                  .setReason(v.reason()));
      case Execute e ->
          body.setExecute(
              org.coopledger.governance.proto.Execute.newBuilder()
                  .setProposalId(e.proposal().hex()));
      case RecordRevenue r ->
          body.setRecordRevenue(
              org.coopledger.governance.proto.RecordRevenue.newBuilder()
                  .setAmountMinor(r.amountMinor())
                  .setCurrency(r.currency())
                  .setSource(r.source())
                  .setReference(r.reference())
                  .setUnits(r.units())
                  .setRegion(r.region()));
    }
  }

  private static org.coopledger.governance.proto.CreateProposal.Builder proposal(CreateProposal p) {
    var b =
        org.coopledger.governance.proto.CreateProposal.newBuilder()
            .setTitle(p.title())
            .setText(p.text());
    switch (p.governed()) {
      case Governed.SplitChange s ->
          b.setSplitChange(
              org.coopledger.governance.proto.SplitChange.newBuilder()
                  .addAllShares(toProtoShares(s.shares()))
                  .setName(s.name())
                  .addAllAccounts(s.accounts().stream().map(Account::text).toList())
                  .addAllRecoup(
                      s.recoup().stream()
                          .map(
                              t ->
                                  org.coopledger.governance.proto.Tranche.newBuilder()
                                      .setRecipient(t.recipient().hex())
                                      .setAmountMinor(t.amountMinor())
                                      .setCurrency(t.currency())
                                      .setLabel(t.label())
                                      .build())
                          .toList()));
      case Governed.TierChange t ->
          b.setTierChange(
              org.coopledger.governance.proto.TierChange.newBuilder()
                  .setTier(t.tier())
                  .addAllPrices(
                      t.prices().stream()
                          .map(
                              price ->
                                  org.coopledger.governance.proto.RegionPrice.newBuilder()
                                      .setRegion(price.region())
                                      .setAmountMinor(price.amountMinor())
                                      .setCurrency(price.currency())
                                      .build())
                          .toList()));
      case Governed.Expense e ->
          b.setExpense(
              org.coopledger.governance.proto.Expense.newBuilder()
                  .setClaimant(e.claimant().hex())
                  .setAmountMinor(e.amountMinor())
                  .setCurrency(e.currency())
                  .setReceiptSha256(e.receiptSha256())
                  .setPool(e.pool())
                  .setBeforeSplit(e.beforeSplit()));
      case Governed.DefineDrop d ->
          b.setDefineDrop(
              org.coopledger.governance.proto.DefineDrop.newBuilder()
                  .setName(d.name())
                  .setEvent(d.event())
                  .setSupplyCap(d.supplyCap())
                  .setUnitPriceMinor(d.unitPriceMinor())
                  .setCurrency(d.currency())
                  .setSaleOpensAtMillis(d.saleOpensAtMillis())
                  .setSaleClosesAtMillis(d.saleClosesAtMillis()));
      case Governed.PoolPayout pay ->
          b.setPoolPayout(
              org.coopledger.governance.proto.PoolPayout.newBuilder()
                  .setPool(pay.pool())
                  .setAmountMinor(pay.amountMinor())
                  .setCurrency(pay.currency())
                  .setPayee(pay.payee())
                  .setReference(pay.reference()));
      case Governed.RouteChange r ->
          b.setRouteChange(
              org.coopledger.governance.proto.RouteChange.newBuilder()
                  .setSource(r.source())
                  .setSplit(r.split())
                  .setRemove(r.remove()));
      case Governed.AdmitMember a ->
          b.setAdmitMember(
              org.coopledger.governance.proto.AdmitMember.newBuilder()
                  .setMember(member(a.member())));
      case Governed.RemoveMember r ->
          b.setRemoveMember(
              org.coopledger.governance.proto.RemoveMember.newBuilder()
                  .setMemberId(r.member().hex()));
      case Governed.ChangeRoles c ->
          b.setChangeRoles(
              org.coopledger.governance.proto.ChangeRoles.newBuilder()
                  .setMemberId(c.member().hex())
                  .addAllRoles(c.roles()));
      case Governed.Payout pay ->
          b.setPayout(
              org.coopledger.governance.proto.Payout.newBuilder()
                  .setMemberId(pay.member().hex())
                  .setAmountMinor(pay.amountMinor())
                  .setCurrency(pay.currency())
                  .setReference(pay.reference()));
      case Governed.RulebookChange r ->
          b.setRulebookChange(
              org.coopledger.governance.proto.RulebookChange.newBuilder()
                  .setRulebook(r.rulebook()));
      case Governed.Decision d ->
          b.setDecision(org.coopledger.governance.proto.Decision.getDefaultInstance());
      case Governed.NodeChange n -> {
        var change = org.coopledger.governance.proto.NodeChange.newBuilder().setRemove(n.remove());
        if (n.add() != null) {
          change.setAdd(node(n.add()));
        }
        b.setNodeChange(change);
      }
      case Governed.RecoverKey r ->
          b.setRecoverKey(
              org.coopledger.governance.proto.RecoverKey.newBuilder()
                  .setMemberId(r.member().hex())
                  .setNewPublicKey(ByteString.copyFrom(r.newKey().raw())));
    }
    return b;
  }

  private static org.coopledger.governance.proto.NewMember member(NewMember m) {
    return org.coopledger.governance.proto.NewMember.newBuilder()
        .setPublicKey(ByteString.copyFrom(m.publicKey().raw()))
        .setDisplayName(m.displayName())
        .addAllRoles(m.roles())
        .build();
  }

  private static List<org.coopledger.governance.proto.Share> toProtoShares(List<Share> shares) {
    return shares.stream()
        .map(
            s ->
                org.coopledger.governance.proto.Share.newBuilder()
                    .setMemberId(s.member().hex())
                    .setBasisPoints(s.basisPoints())
                    .build())
        .toList();
  }
}
