package org.coopledger.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.coopledger.api.client.NodeUnavailableException;

/** What {@code GET /v1/node} says about itself; nothing here is trusted until it verifies. */
record NodeInfo(String origin, String coopId, String verifierKey, long treeSize) {
  static NodeInfo of(JsonNode json) {
    return new NodeInfo(
        text(json, "origin"),
        text(json, "coopId"),
        text(json, "verifierKey"),
        json.path("treeSize").asLong(0));
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new NodeUnavailableException(
          "NOT_THE_API",
          "GET /v1/node answered without '" + field + "'; is this a coopledger node?");
    }
    return value.asText();
  }
}
