package org.coopledger.governance.action;

import java.util.List;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.PublicKey;

/** A member as they enter the co-op. Their member id is their first key's id, for good. */
public record NewMember(PublicKey publicKey, String displayName, List<String> roles) {
  public NewMember {
    Fields.required(publicKey, "member public key");
    displayName = Fields.name(displayName, "display name", Fields.MAX_NAME);
    roles = Fields.roles(roles, "roles of " + displayName);
  }

  public MemberId id() {
    return MemberId.joiningWith(publicKey.id());
  }
}
