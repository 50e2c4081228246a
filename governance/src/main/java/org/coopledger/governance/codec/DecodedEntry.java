package org.coopledger.governance.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;

/**
 * A signed entry after strict decoding: the body bytes as received, what they say, and the
 * signatures (not yet verified). Immutable.
 */
public final class DecodedEntry {
  private final byte[] body;
  private final Entry entry;
  private final List<EntrySignature> signatures;
  private final EntryId id;

  DecodedEntry(byte[] body, Entry entry, List<EntrySignature> signatures) {
    this.body = body.clone();
    this.entry = entry;
    this.signatures = List.copyOf(signatures);
    this.id = idOf(this.body);
  }

  /** The entry id: lowercase hex SHA-256 of the body bytes. */
  public static EntryId idOf(byte[] body) {
    try {
      return new EntryId(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  public Entry entry() {
    return entry;
  }

  public List<EntrySignature> signatures() {
    return signatures;
  }

  public EntryId id() {
    return id;
  }

  /** A copy of the body bytes exactly as received. */
  public byte[] body() {
    return body.clone();
  }

  /** The bytes every signature must cover. */
  public byte[] signingBytes() {
    return SigningBytes.of(body);
  }

  @Override
  public String toString() {
    return "entry " + id + " (" + entry.action().kind() + " by " + entry.author() + ")";
  }
}
