package org.coopledger.api.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A node's answer as it came: HTTP status and body text. */
public record Reply(int status, String body) {
  /**
   * The body as JSON.
   *
   * @throws IllegalStateException if the body is not JSON (the message names status and body)
   */
  public JsonNode json() {
    try {
      return NodeClient.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the node answered HTTP " + status + " with: " + body, e);
    }
  }
}
