package org.coopledger.governance.codec;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.crypto.SigningKey;

/**
 * Creates and signs entries on a client (CLI, tests, load generator). Keys never leave the caller.
 * Several parties can sign in turn, offline: each one calls {@link #cosign(byte[], SigningKey)} on
 * the signed entry they received, which keeps the body bytes and the earlier signatures untouched.
 */
public final class EntrySigner {
  private EntrySigner() {}

  /** {@code entry} encoded and signed by each of {@code keys}, in that order. */
  public static byte[] sign(Entry entry, SigningKey... keys) {
    byte[] body = EntryCodec.encodeBody(entry);
    byte[] signing = SigningBytes.of(body);
    List<EntrySignature> signatures = new ArrayList<>();
    for (SigningKey key : keys) {
      signatures.add(new EntrySignature(key.id(), key.sign(signing)));
    }
    return EntryCodec.encodeSigned(body, signatures);
  }

  /**
   * Adds {@code key}'s signature to an already (partly) signed entry.
   *
   * @throws MalformedEntryException if {@code signedEntry} is malformed or {@code key} already
   *     signed it
   */
  public static byte[] cosign(byte[] signedEntry, SigningKey key) {
    DecodedEntry decoded = EntryCodec.decode(signedEntry);
    List<EntrySignature> signatures = new ArrayList<>(decoded.signatures());
    for (EntrySignature s : signatures) {
      if (s.keyId().equals(key.id())) {
        throw new MalformedEntryException("key " + key.id() + " already signed this entry");
      }
    }
    signatures.add(new EntrySignature(key.id(), key.sign(decoded.signingBytes())));
    return EntryCodec.encodeSigned(decoded.body(), signatures);
  }
}
