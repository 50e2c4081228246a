package org.coopledger.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.coopledger.api.client.NodeClient;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.crypto.KeyId;

/**
 * Lets people write {@code alice} for a member and {@code 3fa8c1} for a proposal: names and id
 * prefixes are looked up in the node's read models. Only lookups: whatever is resolved ends up in
 * an entry the member signs, and the node's rules check it again.
 */
final class Directory {
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern ENTRY_ID = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern PREFIX = Pattern.compile("[0-9a-fA-F]{4,63}");

  private final NodeClient client;

  Directory(NodeClient client) {
    this.client = client;
  }

  /** A member by key id (as is, no lookup) or by name. */
  KeyId member(String nameOrId) {
    if (KEY_ID.matcher(nameOrId).matches()) {
      return KeyId.parse(nameOrId);
    }
    List<String> found = new ArrayList<>();
    for (JsonNode member : items(client.getJson("/v1/members"), "members")) {
      if (member.path("name").asText().equalsIgnoreCase(nameOrId)) {
        found.add(member.path("id").asText());
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.isEmpty()
              ? "no member is named '" + nameOrId + "' (see `coop show members`)"
              : "several members are named '" + nameOrId + "'; use their key id");
    }
    return KeyId.parse(found.get(0));
  }

  /** A proposal by full id (no lookup) or by a unique prefix of at least 4 hex digits. */
  EntryId proposal(String idOrPrefix) {
    String wanted = idOrPrefix.strip().toLowerCase(Locale.ROOT);
    if (ENTRY_ID.matcher(wanted).matches()) {
      return new EntryId(wanted);
    }
    if (!PREFIX.matcher(wanted).matches()) {
      throw new IllegalArgumentException(
          "'" + idOrPrefix + "' is not a proposal id (64 hex digits, or a unique prefix of 4+)");
    }
    List<String> found = new ArrayList<>();
    for (JsonNode proposal : items(client.getJson("/v1/proposals"), "proposals")) {
      String id = proposal.path("id").asText();
      if (id.startsWith(wanted)) {
        found.add(id);
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.isEmpty()
              ? "no proposal id starts with '" + wanted + "' (see `coop show proposals`)"
              : "'" + wanted + "' matches " + found.size() + " proposals; give more digits");
    }
    return new EntryId(found.get(0));
  }

  /** The list in a read model, whether served bare or wrapped as {@code {"<field>": [...]}}. */
  static JsonNode items(JsonNode json, String field) {
    return json.isArray() ? json : json.path(field);
  }
}
