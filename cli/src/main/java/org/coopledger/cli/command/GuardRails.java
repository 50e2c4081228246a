package org.coopledger.cli.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopledger.api.client.NodeClient;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.clause.RulebookCheck;
import org.coopledger.governance.view.MemberView;
import org.coopledger.governance.view.SplitView;

/** The rulebook guard rails as the CLI shows them: the co-op's members come from a node. */
final class GuardRails {
  private GuardRails() {}

  /** The node's current members with their roles and basis points in the split in force. */
  static List<RulebookCheck.Holder> members(NodeClient client) {
    Map<String, Integer> shares = new HashMap<>();
    List<SplitView> splits = client.splits().splits();
    if (!splits.isEmpty()) {
      for (SplitView.ShareView share : splits.getLast().shares()) {
        shares.put(share.memberId(), share.basisPoints());
      }
    }
    List<RulebookCheck.Holder> out = new ArrayList<>();
    for (MemberView m : client.members().members()) {
      if (m.active()) {
        out.add(new RulebookCheck.Holder(m.name(), m.roles(), shares.getOrDefault(m.id(), 0)));
      }
    }
    return out;
  }

  /** The warnings as JSON objects: code, kind, message. */
  static com.fasterxml.jackson.databind.node.ArrayNode json(
      Rulebook rulebook, List<RulebookCheck.Holder> members) {
    var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    for (RulebookCheck.Warning w : RulebookCheck.check(rulebook, members)) {
      array
          .addObject()
          .put("code", w.code())
          .put("kind", w.kind().text())
          .put("message", w.message());
    }
    return array;
  }

  /** Prints the warnings, or that there are none. */
  static void print(PrintWriter out, Rulebook rulebook, List<RulebookCheck.Holder> members) {
    List<RulebookCheck.Warning> warnings = RulebookCheck.check(rulebook, members);
    if (warnings.isEmpty()) {
      out.println("guard rails: no warnings for " + members.size() + " members");
    }
    for (RulebookCheck.Warning w : warnings) {
      out.println("warning " + w.code() + ": " + w.message());
    }
    out.flush();
  }
}
