package org.coopledger.governance.engine;

import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Rulebook;

/**
 * The rules of the co-op's network: node names and keys are unique, and the witness policy can be
 * met by the nodes there are (a policy no set of nodes can meet would make every checkpoint fail
 * its audit).
 */
final class Network {
  private Network() {}

  /** Rejects {@code node} if its name or key is already in {@code nodes}. */
  static void requireNew(SortedMap<String, NetworkNode> nodes, NetworkNode node) {
    if (nodes.containsKey(node.name())) {
      throw new Rejection(
          RejectionCode.DUPLICATE_NODE, "the network already has a node called " + node.name());
    }
    for (NetworkNode other : nodes.values()) {
      if (other.key().equals(node.key())) {
        throw new Rejection(
            RejectionCode.DUPLICATE_NODE,
            "node "
                + node.name()
                + " has the key of node "
                + other.name()
                + "; each node has its own");
      }
    }
  }

  /** Rejects a rulebook whose witness policy the nodes cannot meet. */
  static void requirePolicyHolds(Rulebook rulebook, SortedMap<String, NetworkNode> nodes) {
    int k = rulebook.witnesses();
    if (k > 0 && nodes.isEmpty()) {
      throw new Rejection(
          RejectionCode.WITNESS_POLICY,
          "the rulebook asks for " + k + " witnesses, but the co-op has no network of nodes");
    }
    if (k > nodes.size()) {
      throw new Rejection(
          RejectionCode.WITNESS_POLICY,
          "the rulebook asks for "
              + k
              + " witnesses of nodes, but the network has only "
              + nodes.size()
              + " nodes");
    }
    if (!nodes.isEmpty() && k == 0) {
      throw new Rejection(
          RejectionCode.WITNESS_POLICY,
          "a co-op with a network needs a witness policy ('witnesses: K of nodes'): without one an"
              + " audit would accept a checkpoint that only one operator signed");
    }
  }

  /** Rejects a node change that cannot take effect in {@code state}. */
  static void validate(CoopState state, Governed.NodeChange change) {
    if (state.nodes().isEmpty() || !state.parsedRulebook().has(ActionKind.NODES)) {
      throw new Rejection(
          RejectionCode.NOT_ALLOWED,
          "this co-op has no network of nodes, or its rulebook no 'nodes' clause: its nodes cannot"
              + " be changed by a proposal");
    }
    apply(state.nodes(), change, state.parsedRulebook());
  }

  /** The nodes after {@code change}; rejects it if it cannot take effect. */
  static SortedMap<String, NetworkNode> apply(
      SortedMap<String, NetworkNode> nodes, Governed.NodeChange change, Rulebook rulebook) {
    SortedMap<String, NetworkNode> next = new TreeMap<>(nodes);
    if (!change.remove().isEmpty() && next.remove(change.remove()) == null) {
      throw new Rejection(
          RejectionCode.UNKNOWN_NODE, "the network has no node called " + change.remove());
    }
    if (change.add() != null) {
      requireNew(next, change.add());
      next.put(change.add().name(), change.add());
    }
    if (next.isEmpty()) {
      throw new Rejection(
          RejectionCode.WITNESS_POLICY, "the network's last node cannot be removed");
    }
    requirePolicyHolds(rulebook, next);
    return next;
  }
}
