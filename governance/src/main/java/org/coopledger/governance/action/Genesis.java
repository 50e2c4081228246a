package org.coopledger.governance.action;

import java.util.List;

/**
 * Founds the co-op named in the envelope. {@code rulebook} empty = the default rulebook; {@code
 * initialSplit} empty = no split until one is adopted; {@code nodes} empty = one unnamed node (the
 * co-op trusts its one operator), else the nodes of its network (docs/network.md).
 */
public record Genesis(
    String name,
    List<NewMember> founders,
    String rulebook,
    List<Share> initialSplit,
    List<NetworkNode> nodes)
    implements Action {
  public Genesis {
    name = Fields.name(name, "co-op name", Fields.MAX_NAME);
    founders = List.copyOf(Fields.required(founders, "founders"));
    if (founders.isEmpty()) {
      throw new InvalidActionException("a co-op needs at least one founder");
    }
    rulebook = Fields.text(rulebook, "rulebook", Fields.MAX_RULEBOOK);
    initialSplit = List.copyOf(Fields.required(initialSplit, "initial split"));
    nodes = List.copyOf(Fields.required(nodes, "nodes"));
  }

  /** A co-op founded without a network: one unnamed node. */
  public Genesis(String name, List<NewMember> founders, String rulebook, List<Share> initialSplit) {
    this(name, founders, rulebook, initialSplit, List.of());
  }

  @Override
  public String kind() {
    return "genesis";
  }
}
