package org.coopledger.governance.crypto;

/**
 * The one check of the ids' text form (key, member and entry ids): lowercase hex of a fixed length.
 * A loop instead of a regular expression, because every entry the node or an auditor decodes builds
 * several ids (it was ~3 % of an audit's CPU with a {@code Pattern}).
 */
public final class LowerHex {
  private LowerHex() {}

  /** Whether {@code text} is exactly {@code length} characters of {@code [0-9a-f]}. */
  public static boolean is(String text, int length) {
    if (text == null || text.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
