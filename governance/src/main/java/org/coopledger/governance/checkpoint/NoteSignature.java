package org.coopledger.governance.checkpoint;

import java.util.Arrays;
import java.util.Base64;

/**
 * One signature line of a signed note, {@code — <name> base64(keyHash || signature)}, parsed but
 * not verified. The {@code (name, keyHash)} pair says which key claims to have signed; only a
 * {@link NoteVerifier} configured with that key can check it.
 *
 * @param name the key name
 * @param keyHash the 32-bit key hash (big-endian in the encoding)
 * @param signature the signature bytes after the key hash (for a cosignature: the 8-byte timestamp
 *     followed by the Ed25519 signature)
 */
// The array is copied in and out, and equals/hashCode compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record NoteSignature(String name, int keyHash, byte[] signature) {
  /** The em dash (U+2014) and space that start every signature line. */
  static final String PREFIX = "\u2014 ";

  public NoteSignature {
    NoteFormat.requireValidName(name);
    if (signature == null || signature.length == 0) {
      throw new IllegalArgumentException("a note signature carries at least one byte");
    }
    signature = signature.clone();
  }

  /** A copy of the signature bytes after the key hash. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The line as it appears in a note, including the final newline. */
  public String line() {
    byte[] blob = new byte[4 + signature.length];
    blob[0] = (byte) (keyHash >>> 24);
    blob[1] = (byte) (keyHash >>> 16);
    blob[2] = (byte) (keyHash >>> 8);
    blob[3] = (byte) keyHash;
    System.arraycopy(signature, 0, blob, 4, signature.length);
    return PREFIX + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  /** Whether this line and {@code other} claim the same key (same name and key hash). */
  boolean sameKeyAs(NoteSignature other) {
    return name.equals(other.name) && keyHash == other.keyHash;
  }

  /**
   * Parses one line without its final newline.
   *
   * @throws org.coopledger.governance.error.VerificationException with code {@code MALFORMED_NOTE}
   */
  static NoteSignature parseLine(String line, int number) {
    if (!line.startsWith(PREFIX)) {
      throw NoteFormat.malformed(
          "signature line " + number + " does not start with an em dash (U+2014) and a space");
    }
    String rest = line.substring(PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw NoteFormat.malformed(
          "signature line " + number + " has no space between key name and signature");
    }
    String name = rest.substring(0, space);
    String base64 = rest.substring(space + 1);
    if (!NoteFormat.isValidName(name)) {
      throw NoteFormat.malformed(
          "signature line " + number + " has an invalid key name '" + name + "'");
    }
    byte[] blob = NoteFormat.decodeCanonicalBase64(base64);
    if (blob == null) {
      throw NoteFormat.malformed(
          "signature line " + number + " (" + name + ") is not canonical padded base64");
    }
    if (blob.length < 5) {
      throw NoteFormat.malformed(
          "signature line "
              + number
              + " ("
              + name
              + ") is too short: a 4-byte key hash and a signature are required");
    }
    int hash =
        ((blob[0] & 0xff) << 24)
            | ((blob[1] & 0xff) << 16)
            | ((blob[2] & 0xff) << 8)
            | (blob[3] & 0xff);
    return new NoteSignature(name, hash, Arrays.copyOfRange(blob, 4, blob.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature s
        && name.equals(s.name)
        && keyHash == s.keyHash
        && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + keyHash) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "NoteSignature[" + name + "+" + NoteFormat.hex(keyHash) + "]";
  }
}
