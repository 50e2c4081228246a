package org.coopledger.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopledger.api.client.NodeClient;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.clause.RulebookCheck;

/** The rulebook guard rails as the CLI shows them: the co-op's members come from a node. */
final class GuardRails {
  private GuardRails() {}

  /** The node's current members with their roles and basis points in the split in force. */
  static List<RulebookCheck.Holder> members(NodeClient client) {
    Map<String, Integer> shares = new HashMap<>();
    JsonNode splits = client.getJson("/v1/splits").path("splits");
    if (splits.size() > 0) {
      for (JsonNode share : splits.get(splits.size() - 1).path("shares")) {
        shares.put(share.path("memberId").asText(), share.path("basisPoints").asInt());
      }
    }
    List<RulebookCheck.Holder> out = new ArrayList<>();
    for (JsonNode m : client.getJson("/v1/members").path("members")) {
      if (!m.path("active").asBoolean()) {
        continue;
      }
      List<String> roles = new ArrayList<>();
      m.path("roles").forEach(r -> roles.add(r.asText()));
      out.add(
          new RulebookCheck.Holder(
              m.path("name").asText(), roles, shares.getOrDefault(m.path("id").asText(), 0)));
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
