package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.coopledger.governance.crypto.SigningKey;

/**
 * Signs note texts with plain Ed25519 (signed-note type 0x01) under a key name. A node signs its
 * checkpoints with a signer named after its log's origin. Immutable and thread-safe.
 */
public final class NoteSigner {
  private static final Pattern HASH_HEX = Pattern.compile("[0-9a-f]{8}");
  private static final String SKEY_PREFIX = "PRIVATE+KEY+";

  private final SigningKey key;
  private final NoteVerifier verifier;

  private NoteSigner(String name, SigningKey key) {
    this.key = key;
    this.verifier = NoteVerifier.of(name, SignatureType.ED25519, key.publicKey());
  }

  /** A signer for {@code key} under {@code name} (non-empty, no spaces, no '+'). */
  public static NoteSigner of(String name, SigningKey key) {
    return new NoteSigner(NoteFormat.requireValidName(name), key);
  }

  /**
   * Reads a signer key string {@code PRIVATE+KEY+<name>+<hex key hash>+<base64(0x01 || seed)>}, the
   * form golang.org/x/mod/sumdb/note and its ports generate. For fixtures and interoperability;
   * coopledger keeps its own keys as PKCS#8 PEM files.
   *
   * @throws IllegalArgumentException saying what is wrong, never echoing the secret
   */
  public static NoteSigner parse(String skey) {
    if (skey == null || !skey.startsWith(SKEY_PREFIX)) {
      throw new IllegalArgumentException("a signer key starts with PRIVATE+KEY+");
    }
    String rest = skey.substring(SKEY_PREFIX.length());
    int first = rest.indexOf('+');
    int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException(
          "a signer key is PRIVATE+KEY+<name>+<hex key hash>+<base64 key>");
    }
    String name = rest.substring(0, first);
    String hashHex = rest.substring(first + 1, second);
    if (!NoteFormat.isValidName(name) || !HASH_HEX.matcher(hashHex).matches()) {
      throw new IllegalArgumentException(
          "the signer key's name or 8-digit lowercase hex key hash is malformed");
    }
    byte[] typeAndSeed = NoteFormat.decodeCanonicalBase64(rest.substring(second + 1));
    if (typeAndSeed == null
        || typeAndSeed.length != 33
        || typeAndSeed[0] != SignatureType.ED25519.id()) {
      throw new IllegalArgumentException(
          "the signer key of '" + name + "' is not base64 of 0x01 and a 32-byte Ed25519 seed");
    }
    byte[] seed = Arrays.copyOfRange(typeAndSeed, 1, 33);
    NoteSigner signer = new NoteSigner(name, SigningKey.fromSeed(seed));
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(typeAndSeed, (byte) 0);
    if (!signer.verifier.keyHashHex().equals(hashHex)) {
      throw new IllegalArgumentException(
          "the signer key's hash " + hashHex + " does not match its name and key");
    }
    return signer;
  }

  public String name() {
    return verifier.name();
  }

  public int keyHash() {
    return verifier.keyHash();
  }

  /** The matching verifier, whose {@link NoteVerifier#vkey()} is published for auditors. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /**
   * This key's signature line over {@code text}, which must end in a newline. Texts that start like
   * a cosignature message are refused, so that a key used both as a log signer and as a witness can
   * never be made to produce a cosignature through a plain signature.
   */
  public NoteSignature sign(String text) {
    if (text == null || !text.endsWith("\n")) {
      throw new IllegalArgumentException("a note text ends with a newline");
    }
    if (text.startsWith(Cosignature.HEADER)) {
      throw new IllegalArgumentException(
          "refusing a plain signature over a text that starts like a cosignature message");
    }
    return new NoteSignature(verifier.name(), verifier.keyHash(), key.sign(text.getBytes(UTF_8)));
  }

  @Override
  public String toString() {
    return "NoteSigner[" + verifier.name() + "+" + verifier.keyHashHex() + "]";
  }
}
