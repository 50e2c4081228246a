package org.coopledger.governance.crypto;

import java.util.Locale;

/**
 * The id of a member, for good: the {@link KeyId} of the key they joined with, which stays their id
 * after they rotate or recover their key. A key id names a key (the one that signed an entry); a
 * member id names a person (whose shares, votes, approvals and balances these are). Both are 32
 * lowercase hex characters and read and write the same text, so the type changes nothing on the
 * wire or in the canonical state encoding; it only keeps the two apart in the code.
 */
public record MemberId(String hex) implements Comparable<MemberId> {
  public MemberId {
    if (!LowerHex.is(hex, 32)) {
      throw new IllegalArgumentException(
          "a member id is 32 lowercase hex characters, got '" + hex + "'");
    }
  }

  /** The member id of someone who joins with the key {@code firstKey}. */
  public static MemberId joiningWith(KeyId firstKey) {
    return new MemberId(firstKey.hex());
  }

  /** Parses a member id, accepting upper-case hex and surrounding blanks. */
  public static MemberId parse(String text) {
    return new MemberId(text == null ? null : text.strip().toLowerCase(Locale.ROOT));
  }

  /** The id of the key this member joined with (not necessarily their current key). */
  public KeyId firstKeyId() {
    return new KeyId(hex);
  }

  @Override
  public int compareTo(MemberId other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
