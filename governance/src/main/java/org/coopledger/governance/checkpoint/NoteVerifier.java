package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.regex.Pattern;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.error.VerificationException;

/**
 * A trusted key that checks signature lines: a key name, a signature type and an Ed25519 public
 * key. Its text form is the signed-note verifier key {@code <name>+<hex key hash>+<base64(type ||
 * public key)>}, the string an auditor pins in its trust directory. Immutable and thread-safe.
 */
public final class NoteVerifier {
  public static final String MALFORMED_VERIFIER_KEY = "MALFORMED_VERIFIER_KEY";
  public static final String UNSUPPORTED_KEY_TYPE = "UNSUPPORTED_KEY_TYPE";
  static final String BAD_NOTE_SIGNATURE = "BAD_NOTE_SIGNATURE";
  public static final String UNKNOWN_KEY = "UNKNOWN_KEY";

  private static final Pattern HASH_HEX = Pattern.compile("[0-9a-f]{8}");

  private final String name;
  private final SignatureType type;
  private final PublicKey publicKey;
  private final int keyHash;

  private NoteVerifier(String name, SignatureType type, PublicKey publicKey) {
    this.name = NoteFormat.requireValidName(name);
    this.type = type;
    this.publicKey = publicKey;
    this.keyHash = NoteFormat.keyHash(name, type.id(), publicKey.raw());
  }

  /** The verifier for {@code publicKey} under {@code name} and signature {@code type}. */
  public static NoteVerifier of(String name, SignatureType type, PublicKey publicKey) {
    return new NoteVerifier(name, type, publicKey);
  }

  /**
   * Parses a verifier key string strictly (lowercase 8-digit hex key hash, canonical base64, a
   * supported type byte, a 32-byte key, and a key hash that matches the name and key).
   *
   * @throws VerificationException with code {@code MALFORMED_VERIFIER_KEY} or {@code
   *     UNSUPPORTED_KEY_TYPE}
   */
  public static NoteVerifier parse(String vkey) {
    if (vkey == null) {
      throw malformedKey("no verifier key given");
    }
    int first = vkey.indexOf('+');
    int second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
    if (second < 0) {
      throw malformedKey(
          "a verifier key is <name>+<hex key hash>+<base64 key>, got '" + vkey + "'");
    }
    String name = vkey.substring(0, first);
    String hashHex = vkey.substring(first + 1, second);
    String keyBase64 = vkey.substring(second + 1); // may itself contain '+'
    if (!NoteFormat.isValidName(name)) {
      throw malformedKey("invalid key name '" + name + "' (no spaces or '+')");
    }
    if (!HASH_HEX.matcher(hashHex).matches()) {
      throw malformedKey("the key hash must be 8 lowercase hex digits, got '" + hashHex + "'");
    }
    byte[] typeAndKey = NoteFormat.decodeCanonicalBase64(keyBase64);
    if (typeAndKey == null || typeAndKey.length == 0) {
      throw malformedKey("the key of '" + name + "' is not canonical padded base64");
    }
    SignatureType type = SignatureType.of(typeAndKey[0]);
    if (type == null) {
      throw new VerificationException(
          UNSUPPORTED_KEY_TYPE,
          String.format(
              "key '%s' has signature type 0x%02x; supported are 0x01 (Ed25519) and 0x04"
                  + " (Ed25519 cosignature/v1)",
              name, typeAndKey[0] & 0xff));
    }
    if (typeAndKey.length != 1 + PublicKey.LENGTH) {
      throw malformedKey(
          "key '"
              + name
              + "' must be a type byte and a 32-byte Ed25519 public key, got "
              + (typeAndKey.length - 1)
              + " key bytes");
    }
    byte[] raw = new byte[PublicKey.LENGTH];
    System.arraycopy(typeAndKey, 1, raw, 0, raw.length);
    PublicKey publicKey;
    try {
      publicKey = PublicKey.fromRaw(raw);
    } catch (IllegalArgumentException e) {
      throw malformedKey("the key of '" + name + "' is not a valid Ed25519 public key");
    }
    NoteVerifier verifier = new NoteVerifier(name, type, publicKey);
    if (!verifier.keyHashHex().equals(hashHex)) {
      throw malformedKey(
          "key hash "
              + hashHex
              + " of '"
              + name
              + "' does not match its name and key (expected "
              + verifier.keyHashHex()
              + ")");
    }
    return verifier;
  }

  public String name() {
    return name;
  }

  public SignatureType type() {
    return type;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** {@code SHA-256(name || 0x0A || type || public key)[:4]}, big-endian. */
  public int keyHash() {
    return keyHash;
  }

  /** The verifier key string, {@code <name>+<hex key hash>+<base64(type || key)>}. */
  public String vkey() {
    byte[] typeAndKey = new byte[1 + PublicKey.LENGTH];
    typeAndKey[0] = type.id();
    System.arraycopy(publicKey.raw(), 0, typeAndKey, 1, PublicKey.LENGTH);
    return name + "+" + keyHashHex() + "+" + Base64.getEncoder().encodeToString(typeAndKey);
  }

  String keyHashHex() {
    return NoteFormat.hex(keyHash);
  }

  /** Whether {@code line} claims to be signed by this key (same name and key hash). */
  public boolean claims(NoteSignature line) {
    return name.equals(line.name()) && keyHash == line.keyHash();
  }

  /**
   * Checks that {@code line} is this key's valid signature over the note {@code text}.
   *
   * @throws VerificationException with code {@code UNKNOWN_KEY} if the line names another key,
   *     {@code BAD_NOTE_SIGNATURE} if it does not verify
   */
  public void verify(String text, NoteSignature line) {
    if (!claims(line)) {
      throw new VerificationException(
          UNKNOWN_KEY, "the signature is by " + line + ", not by " + name + "+" + keyHashHex());
    }
    byte[] sig = line.signature();
    byte[] message;
    byte[] ed25519;
    if (type == SignatureType.COSIGNATURE_V1) {
      Cosignature cosignature = Cosignature.fromLine(line);
      message = Cosignature.message(text, cosignature.timestamp());
      ed25519 = cosignature.signature();
    } else {
      message = text.getBytes(UTF_8);
      ed25519 = sig;
    }
    try {
      publicKey.verify(message, ed25519);
    } catch (VerificationException e) {
      throw new VerificationException(
          BAD_NOTE_SIGNATURE,
          "the signature by " + name + "+" + keyHashHex() + " does not verify over the note text",
          e);
    }
  }

  private static VerificationException malformedKey(String message) {
    return new VerificationException(MALFORMED_VERIFIER_KEY, message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifier v
        && name.equals(v.name)
        && type == v.type
        && publicKey.equals(v.publicKey);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + type.hashCode()) * 31 + publicKey.hashCode();
  }

  @Override
  public String toString() {
    return vkey();
  }
}
