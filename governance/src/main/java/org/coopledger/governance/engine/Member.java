package org.coopledger.governance.engine;

import java.util.List;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.PublicKey;

/**
 * A member of the co-op. {@code id} is the id of the key they joined with and never changes; {@code
 * key} is their current key (the only one that may sign for them). {@code lastNonce} is the highest
 * nonce of theirs the ledger accepted (0 before their first entry). A removed member stays listed
 * with {@code active == false}: their balance is still payable but they can no longer act.
 */
public record Member(
    MemberId id, PublicKey key, String name, List<String> roles, long lastNonce, boolean active) {
  public Member {
    if (id == null || key == null || name == null || roles == null) {
      throw new IllegalArgumentException("a member needs an id, a key, a name and roles");
    }
    roles = List.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  Member withNonce(long nonce) {
    return new Member(id, key, name, roles, nonce, active);
  }

  Member withKey(PublicKey newKey) {
    return new Member(id, newKey, name, roles, lastNonce, active);
  }

  Member withRoles(List<String> newRoles) {
    return new Member(id, key, name, newRoles, lastNonce, active);
  }

  Member removed() {
    return new Member(id, key, name, roles, lastNonce, false);
  }

  /** How messages name the member: {@code alice (3fa9c2d1...)}. */
  public String describe() {
    return name + " (" + id.hex().substring(0, 8) + "...)";
  }
}
