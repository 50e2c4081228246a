package org.coopledger.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.Member;

/**
 * Member names and proposal ids as the last successful audit of a ledger replayed them, kept in the
 * trust directory ({@code audited/<ledger>.json}). The CLI resolves {@code alice} and {@code
 * 3fa8c1} from these, not from the node's unverified read models: a node cannot make a member sign
 * an entry for another person or proposal than the one they named. The receipt check takes the keys
 * of the co-op's nodes from here too: a receipt signed by another node of the network than the one
 * pinned is accepted only if the audited ledger names that node.
 *
 * @param treeSize the size of the audited ledger
 * @param nodeKeys the verifier keys (the ledger's origin, Ed25519) of the nodes of the co-op's
 *     network, as the audited replay names them; empty for a co-op without a network
 */
public record AuditedNames(
    String origin,
    long treeSize,
    List<Name> members,
    List<String> proposals,
    List<String> nodeKeys) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A member's name and member id, and whether they were still a member. */
  public record Name(String name, String id, boolean active) {}

  public AuditedNames {
    members = List.copyOf(members);
    proposals = List.copyOf(proposals);
    nodeKeys = List.copyOf(nodeKeys);
  }

  /** The names and proposal ids of a replayed state. */
  public static AuditedNames of(String origin, long treeSize, CoopState state) {
    List<Name> members = new ArrayList<>();
    for (Member m : state.members().values()) {
      members.add(new Name(m.name(), m.id().hex(), m.active()));
    }
    List<String> proposals = new ArrayList<>();
    state.proposals().keySet().forEach(id -> proposals.add(id.hex()));
    List<String> nodeKeys = new ArrayList<>();
    for (NetworkNode n : state.nodes().values()) {
      nodeKeys.add(NoteVerifier.of(origin, SignatureType.ED25519, n.key()).vkey());
    }
    return new AuditedNames(origin, treeSize, members, proposals, nodeKeys);
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
    var ns = json.putArray("nodeKeys");
    nodeKeys.forEach(ns::add);
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
      List<String> nodeKeys = new ArrayList<>();
      json.path("nodeKeys").forEach(k -> nodeKeys.add(k.asText()));
      return new AuditedNames(
          json.path("origin").asText(),
          json.path("treeSize").asLong(),
          members,
          proposals,
          nodeKeys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
