package org.coopledger.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.Member;

/**
 * Member names and proposal ids as the last successful audit of a ledger replayed them, kept in the
 * trust directory ({@code audited/<ledger>.json}). The CLI resolves {@code alice} and {@code
 * 3fa8c1} from these, not from the node's unverified read models: a node cannot make a member sign
 * an entry for another person or proposal than the one they named.
 *
 * @param treeSize the size of the audited ledger
 */
public record AuditedNames(
    String origin, long treeSize, List<Name> members, List<String> proposals) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A member's name and member id, and whether they were still a member. */
  public record Name(String name, String id, boolean active) {}

  public AuditedNames {
    members = List.copyOf(members);
    proposals = List.copyOf(proposals);
  }

  /** The names and proposal ids of a replayed state. */
  public static AuditedNames of(String origin, long treeSize, CoopState state) {
    List<Name> members = new ArrayList<>();
    for (Member m : state.members().values()) {
      members.add(new Name(m.name(), m.id().hex(), m.active()));
    }
    List<String> proposals = new ArrayList<>();
    state.proposals().keySet().forEach(id -> proposals.add(id.hex()));
    return new AuditedNames(origin, treeSize, members, proposals);
  }

  String toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("origin", origin);
    json.put("treeSize", treeSize);
    var ms = json.putArray("members");
    members.forEach(
        m -> ms.addObject().put("name", m.name()).put("id", m.id()).put("active", m.active()));
    var ps = json.putArray("proposals");
    proposals.forEach(ps::add);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AuditedNames fromJson(String text) {
    try {
      JsonNode json = JSON.readTree(text);
      List<Name> members = new ArrayList<>();
      for (JsonNode m : json.path("members")) {
        members.add(
            new Name(m.path("name").asText(), m.path("id").asText(), m.path("active").asBoolean()));
      }
      List<String> proposals = new ArrayList<>();
      json.path("proposals").forEach(p -> proposals.add(p.asText()));
      return new AuditedNames(
          json.path("origin").asText(), json.path("treeSize").asLong(), members, proposals);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
