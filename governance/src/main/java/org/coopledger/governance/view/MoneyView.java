package org.coopledger.governance.view;

import java.util.List;

/**
 * The money model beyond the default split (docs/money.md): named splits with every version, and
 * the routing rules that send each revenue source to a split ({@code ""} = the default split).
 */
public record MoneyView(List<NamedSplitView> splits, List<RouteView> routes) {
  public MoneyView {
    splits = List.copyOf(splits);
    routes = List.copyOf(routes);
  }

  /** A named split and its versions, oldest first (the last is in force). */
  public record NamedSplitView(String name, List<SplitView> versions) {
    public NamedSplitView {
      versions = List.copyOf(versions);
    }
  }

  /** A routing rule: revenue from {@code source} (one source or {@code kind:*}) goes to split. */
  public record RouteView(String source, String split) {}
}
