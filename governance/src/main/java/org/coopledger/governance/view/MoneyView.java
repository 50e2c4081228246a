package org.coopledger.governance.view;

import java.util.List;

/**
 * The money model beyond the default split (docs/money.md): named splits with every version, and
 * the routing rules that send each revenue source to a split ({@code ""} = the default split), and
 * the pools and guests splits give shares to (their balances are in the balances read model), the
 * drops, the recoup tranches still owed and the membership tiers with their price lists.
 */
public record MoneyView(
    List<NamedSplitView> splits,
    List<RouteView> routes,
    List<AccountView> accounts,
    List<DropView> drops,
    List<RecoupView> recoups,
    List<TierView> tiers) {
  public MoneyView {
    tiers = List.copyOf(tiers);
    recoups = List.copyOf(recoups);
    drops = List.copyOf(drops);
    splits = List.copyOf(splits);
    routes = List.copyOf(routes);
    accounts = List.copyOf(accounts);
  }

  /** A limited drop: its cap, the units sold, its price and sale window. */
  public record DropView(
      String name,
      String event,
      long supplyCap,
      long sold,
      long unitPriceMinor,
      String currency,
      long saleOpensAtMillis,
      long saleClosesAtMillis) {}

  /**
   * The recoup tranches of the version in force of a split ({@code ""} = the default split), in the
   * order they are repaid, each with what is still owed.
   */
  public record RecoupView(String split, int version, List<TrancheView> tranches) {
    public RecoupView {
      tranches = List.copyOf(tranches);
    }
  }

  /** A tranche: who is repaid (id and name), how much, for what, and how much is still owed. */
  public record TrancheView(
      String recipient,
      String recipientName,
      long amountMinor,
      String currency,
      String label,
      long owedMinor) {}

  /**
   * A membership tier and every version of its regional price list, oldest first (the last is in
   * force).
   */
  public record TierView(String name, List<PriceListView> versions) {
    public TierView {
      versions = List.copyOf(versions);
    }
  }

  /** A version of a tier's price list: what one subscriber-month costs in each region. */
  public record PriceListView(int version, long adoptedAtMillis, List<PriceView> prices) {
    public PriceListView {
      prices = List.copyOf(prices);
    }
  }

  /** One region's price of a tier, for one subscriber-month. */
  public record PriceView(String region, long amountMinor, String currency) {}

  /** A pool or guest that splits give shares to: its id (in shares and balances) and its name. */
  public record AccountView(String id, String account, String kind) {}

  /** A named split and its versions, oldest first (the last is in force). */
  public record NamedSplitView(String name, List<SplitView> versions) {
    public NamedSplitView {
      versions = List.copyOf(versions);
    }
  }

  /** A routing rule: revenue from {@code source} (one source or {@code kind:*}) goes to split. */
  public record RouteView(String source, String split) {}
}
