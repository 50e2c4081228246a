package org.coopledger.cli.client;

import java.util.Locale;

/** Turns the node's error codes into sentences a member can act on. */
final class ErrorMessages {
  private ErrorMessages() {}

  static String rejection(String code, String nodeMessage) {
    String detail = nodeMessage == null || nodeMessage.isBlank() ? "" : ": " + nodeMessage;
    return lead(code) + detail + " [" + code + "]";
  }

  private static String lead(String code) {
    String upper = code.toUpperCase(Locale.ROOT);
    if (upper.contains("CLAUSE") || upper.contains("NOT_ALLOWED") || upper.contains("ROLE")) {
      return "the co-op's rules do not allow this";
    }
    if (upper.contains("SIGNATURE") || upper.contains("KEY")) {
      return "the node refused the signatures";
    }
    if (upper.contains("NONCE") || upper.contains("REPLAY") || upper.contains("EXPIRED")) {
      return "the entry is stale (replayed or expired); sign a fresh one";
    }
    if (upper.contains("NOT_FOUND") || upper.startsWith("UNKNOWN")) {
      return "the node does not know what this refers to";
    }
    return "the node rejected the request";
  }
}
