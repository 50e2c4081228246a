package org.coopledger.governance.action;

import org.coopledger.governance.crypto.KeyId;

/**
 * The content of an entry's body: which co-op, who is responsible (by their current key id), the
 * author's nonce, when it was made, until when it may be accepted (0 = no expiry) and the action.
 */
public record Entry(
    String coopId,
    KeyId author,
    long nonce,
    long createdAtMillis,
    long expiresAtMillis,
    Action action) {
  public Entry {
    coopId = Fields.name(coopId, "co-op id", Fields.MAX_NAME);
    Fields.required(author, "author key id");
    Fields.required(action, "action");
    if (nonce == 0) {
      throw new InvalidActionException("nonce must be at least 1");
    }
    if (expiresAtMillis < 0) {
      throw new InvalidActionException("expiry must be 0 (none) or a time in milliseconds");
    }
  }
}
