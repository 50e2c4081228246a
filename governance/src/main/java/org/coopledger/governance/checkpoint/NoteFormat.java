package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.coopledger.governance.error.VerificationException;

/** The small syntactic rules shared by notes, keys and checkpoints (C2SP signed-note). */
final class NoteFormat {
  static final String MALFORMED_NOTE = "MALFORMED_NOTE";

  private NoteFormat() {}

  /**
   * Whether {@code name} is a valid key name: non-empty, no Unicode space and no plus. Control
   * characters are excluded too, since a signed note may not contain them.
   */
  static boolean isValidName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '+'
          || cp < 0x20
          || cp == 0x85
          || Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || Character.isSurrogate(name.charAt(i))) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  static String requireValidName(String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "a key name must be non-empty without spaces or '+', got '" + name + "'");
    }
    return name;
  }

  /**
   * Decodes standard padded base64 and insists it is the canonical encoding: missing padding, line
   * breaks and non-zero trailing bits would let two different texts carry the same bytes.
   *
   * @return the bytes, or null if {@code text} is not canonical base64
   */
  static byte[] decodeCanonicalBase64(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
  }

  /** {@code SHA-256(name || 0x0A || type || publicKey)[:4]} as a big-endian int. */
  static int keyHash(String name, byte type, byte[] publicKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(UTF_8));
      sha.update((byte) '\n');
      sha.update(type);
      sha.update(publicKey);
      byte[] d = sha.digest();
      return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static String hex(int keyHash) {
    return String.format("%08x", keyHash);
  }

  static VerificationException malformed(String message) {
    return new VerificationException(MALFORMED_NOTE, message);
  }
}
