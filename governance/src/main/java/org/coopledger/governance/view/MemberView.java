package org.coopledger.governance.view;

import java.util.List;

/**
 * A member. {@code id} never changes; {@code keyId} and {@code publicKey} (base64 of the raw 32
 * bytes) are the current key; {@code lastNonce} is the highest nonce accepted from them.
 */
public record MemberView(
    String id,
    String name,
    List<String> roles,
    String keyId,
    String publicKey,
    long lastNonce,
    boolean active) {
  public MemberView {
    roles = List.copyOf(roles);
  }
}
