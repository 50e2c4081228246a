package org.coopledger.cli.entry;

import java.util.stream.Collectors;
import org.coopledger.governance.action.Approve;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Execute;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Veto;
import org.coopledger.governance.action.WithdrawApproval;

/** One-line descriptions of entries, so people see what they sign before they sign it. */
public final class EntryViews {
  private EntryViews() {}

  public static String describe(Entry entry) {
    return switch (entry.action()) {
      case Genesis g ->
          "found co-op '"
              + g.name()
              + "' ("
              + entry.coopId()
              + ") with "
              + g.founders().size()
              + " founders: "
              + g.founders().stream()
                  .map(f -> f.displayName() + " " + f.roles())
                  .collect(Collectors.joining(", "));
      case CreateProposal p -> "propose " + governed(p.governed()) + titled(p.title());
      case CastVote v ->
          "vote "
              + v.choice().name().toLowerCase(java.util.Locale.ROOT)
              + " on "
              + shortId(v.proposal());
      case Approve a -> "approve " + shortId(a.proposal());
      case WithdrawApproval w -> "withdraw approval of " + shortId(w.proposal());
      case Veto v -> "veto " + shortId(v.proposal());
      case Execute e -> "execute " + shortId(e.proposal());
      case RecordRevenue r ->
          "record revenue of "
              + Amounts.format(r.amountMinor(), r.currency())
              + " "
              + r.currency()
              + " from "
              + r.source()
              + (r.region().isEmpty() ? "" : " in region " + r.region())
              + (r.units() == 0 ? "" : " (" + r.units() + " units)");
      case RotateKey r -> "replace the author's key by " + r.newKey().id();
    };
  }

  /** The first 12 hex characters of an id: enough to tell proposals apart on screen. */
  public static String shortId(EntryId id) {
    return id.hex().substring(0, 12);
  }

  private static String governed(Governed governed) {
    return switch (governed) {
      case Governed.SplitChange s ->
          "split "
              + (s.name().isEmpty() ? "" : s.name() + " ")
              + s.shares().stream().map(EntryViews::share).collect(Collectors.joining(" "))
              + s.recoup().stream()
                  .map(
                      t ->
                          " recoup "
                              + Amounts.format(t.amountMinor(), t.currency())
                              + " "
                              + t.currency()
                              + " to "
                              + t.recipient().hex().substring(0, 12)
                              + (t.label().isEmpty() ? "" : " (" + t.label() + ")"))
                  .collect(Collectors.joining(","));
      case Governed.Expense e ->
          "expense of "
              + Amounts.format(e.amountMinor(), e.currency())
              + " "
              + e.currency()
              + " for "
              + e.claimant().hex().substring(0, 12)
              + (e.fromPool() ? " from pool:" + e.pool() : " before split " + e.beforeSplit())
              + " (receipt "
              + e.receiptSha256().substring(0, 12)
              + ")";
      case Governed.TierChange t ->
          "tier "
              + t.tier()
              + " prices "
              + t.prices().stream()
                  .map(
                      p ->
                          p.region()
                              + "="
                              + Amounts.format(p.amountMinor(), p.currency())
                              + " "
                              + p.currency())
                  .collect(Collectors.joining(", "));
      case Governed.DefineDrop d ->
          "drop:"
              + d.name()
              + " ("
              + d.supplyCap()
              + " units at "
              + Amounts.format(d.unitPriceMinor(), d.currency())
              + " "
              + d.currency()
              + ")";
      case Governed.PoolPayout p ->
          "payout of "
              + Amounts.format(p.amountMinor(), p.currency())
              + " "
              + p.currency()
              + " out of pool:"
              + p.pool()
              + " to "
              + p.payee();
      case Governed.RouteChange r ->
          r.remove()
              ? "no route of its own for " + r.source()
              : "route "
                  + r.source()
                  + " to "
                  + (r.split().isEmpty() ? "the default split" : r.split());
      case Governed.AdmitMember a ->
          "admitting " + a.member().displayName() + " " + a.member().roles();
      case Governed.RemoveMember r -> "removing member " + r.member();
      case Governed.ChangeRoles c -> "roles " + c.roles() + " for " + c.member();
      case Governed.Payout p ->
          "payout of "
              + Amounts.format(p.amountMinor(), p.currency())
              + " "
              + p.currency()
              + " to "
              + p.member();
      case Governed.RulebookChange r -> "a new rulebook";
      case Governed.Decision d -> "a decision";
      case Governed.RecoverKey r -> "a new key " + r.newKey().id() + " for " + r.member();
      case Governed.NodeChange n ->
          (n.remove().isEmpty() ? "" : "removing node " + n.remove())
              + (n.remove().isEmpty() || n.add() == null ? "" : " and ")
              + (n.add() == null ? "" : "adding node " + n.add().name());
    };
  }

  private static String share(Share share) {
    return share.member().hex().substring(0, 8) + "=" + share.basisPoints();
  }

  private static String titled(String title) {
    return title.isBlank() ? "" : ": " + title;
  }
}
