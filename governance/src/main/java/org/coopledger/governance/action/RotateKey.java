package org.coopledger.governance.action;

import org.coopledger.governance.crypto.PublicKey;

/** The author replaces their key; signed by the old and the new key. */
public record RotateKey(PublicKey newKey) implements Action {
  public RotateKey {
    Fields.required(newKey, "new public key");
  }

  @Override
  public String kind() {
    return "rotate_key";
  }
}
