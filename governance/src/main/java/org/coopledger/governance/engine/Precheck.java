package org.coopledger.governance.engine;

import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.crypto.PublicKey;

/**
 * A cheap check a node can run before ordering an entry, on many threads at once: decode, then
 * verify every signature whose key {@code snapshot} (or the entry itself, for a genesis or a key
 * rotation) knows. Signatures by keys it does not know are left to {@link StateMachine#apply}.
 *
 * <p>Sound, not complete: a key id is a hash of its key, so a signature that fails here fails in
 * {@code apply} too, whatever happens in between; an entry that passes may still be rejected by
 * {@code apply}. Stateless and thread-safe.
 */
public final class Precheck {
  private Precheck() {}

  /**
   * The decoded entry, if nothing is wrong with it that no later state could fix.
   *
   * @throws org.coopledger.governance.error.CoopException {@code MALFORMED_ENTRY}, {@code
   *     INVALID_ACTION} or {@code BAD_SIGNATURE}
   */
  public static DecodedEntry check(
      byte[] signedEntry, CoopState snapshot, SignatureVerifier verifier) {
    DecodedEntry decoded = EntryCodec.decode(signedEntry);
    byte[] message = decoded.signingBytes();
    for (EntrySignature signature : decoded.signatures()) {
      PublicKey key = knownKey(decoded, snapshot, signature);
      if (key != null) {
        verifier.verify(key, message, signature.signature());
      }
    }
    return decoded;
  }

  /**
   * Refuses an entry whose author is not a current member of {@code snapshot} using their current
   * key (a genesis aside, and anything before genesis, which {@code apply} refuses itself): so that
   * a node keeps strangers' junk out of its replicated log. Not sound like {@link #check}: a member
   * admitted, or a key rotated, after the snapshot is refused too; the author retries.
   *
   * @throws org.coopledger.governance.error.CoopException {@code NOT_A_MEMBER} or {@code
   *     KEY_ROTATED}
   */
  public static void requireMemberAuthor(DecodedEntry decoded, CoopState snapshot) {
    if (decoded.entry().action() instanceof Genesis || !snapshot.isFounded()) {
      return;
    }
    StateMachine.currentAuthor(snapshot, decoded.entry().author());
  }

  private static PublicKey knownKey(
      DecodedEntry decoded, CoopState snapshot, EntrySignature signature) {
    switch (decoded.entry().action()) {
      case Genesis g -> {
        for (NewMember founder : g.founders()) {
          if (founder.publicKey().id().equals(signature.keyId())) {
            return founder.publicKey();
          }
        }
      }
      case RotateKey r -> {
        if (r.newKey().id().equals(signature.keyId())) {
          return r.newKey();
        }
      }
      default -> {}
    }
    return snapshot.memberWithCurrentKey(signature.keyId()).map(Member::key).orElse(null);
  }
}
