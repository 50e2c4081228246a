package org.coopledger.node.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.Precheck;
import org.coopledger.governance.engine.SignatureVerifier;

/**
 * A submitted entry after the node's checks before ordering: strictly decoded once, and every
 * signature by a key the state (or the entry itself) names verified with Ed25519. On the node that
 * checked it, it travels beside its record through Raft, so that apply neither decodes it nor
 * verifies those signatures again.
 *
 * <p>As a {@link SignatureVerifier} it skips exactly the (key, message, signature) triples it
 * verified, byte for byte, and verifies anything else: the outcome of apply is the one a node that
 * never saw this object (a follower, a replay) reaches. Immutable and thread-safe.
 */
public final class CheckedEntry implements SignatureVerifier {
  private final byte[] signedEntry;
  private final DecodedEntry decoded;
  private final List<Verified> verified;

  private record Verified(PublicKey key, byte[] message, byte[] signature) {
    boolean covers(PublicKey k, byte[] m, byte[] s) {
      return key.equals(k) && Arrays.equals(signature, s) && Arrays.equals(message, m);
    }
  }

  private CheckedEntry(byte[] signedEntry, DecodedEntry decoded, List<Verified> verified) {
    this.signedEntry = signedEntry;
    this.decoded = decoded;
    this.verified = verified;
  }

  /**
   * Decodes {@code signedEntry} and verifies the signatures whose keys {@code snapshot} knows.
   *
   * @throws org.coopledger.governance.error.CoopException {@code MALFORMED_ENTRY}, {@code
   *     INVALID_ACTION} or {@code BAD_SIGNATURE}: no state could make this entry valid
   */
  public static CheckedEntry check(byte[] signedEntry, CoopState snapshot) {
    byte[] copy = signedEntry.clone();
    List<Verified> verified = new ArrayList<>(1);
    DecodedEntry decoded =
        Precheck.check(
            copy,
            snapshot,
            (key, message, signature) -> {
              SignatureVerifier.CRYPTO.verify(key, message, signature);
              verified.add(new Verified(key, message, signature));
            });
    return new CheckedEntry(copy, decoded, List.copyOf(verified));
  }

  /** The signed entry's bytes as submitted (not a copy: callers must not change them). */
  byte[] signedEntryBytes() {
    return signedEntry;
  }

  public int size() {
    return signedEntry.length;
  }

  public DecodedEntry decoded() {
    return decoded;
  }

  @Override
  public void verify(PublicKey key, byte[] message, byte[] signature) {
    for (Verified v : verified) {
      if (v.covers(key, message, signature)) {
        return;
      }
    }
    SignatureVerifier.CRYPTO.verify(key, message, signature);
  }
}
