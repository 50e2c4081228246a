package org.coopledger.governance.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.coopledger.governance.error.VerificationException;

/** An Ed25519 public key. Immutable and thread-safe. */
public final class PublicKey {
  public static final int LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;

  private final Ed25519PublicKeyParameters params;
  private final byte[] raw;
  private final KeyId id;

  private PublicKey(Ed25519PublicKeyParameters params) {
    this.params = params;
    this.raw = params.getEncoded();
    this.id = KeyId.of(raw);
  }

  static PublicKey of(Ed25519PublicKeyParameters params) {
    return new PublicKey(params);
  }

  /** A key from its raw 32 bytes. */
  public static PublicKey fromRaw(byte[] raw) {
    if (raw == null || raw.length != LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is " + LENGTH + " bytes, got " + (raw == null ? 0 : raw.length));
    }
    return new PublicKey(new Ed25519PublicKeyParameters(raw, 0));
  }

  /** A key from the base64 of its raw 32 bytes. */
  public static PublicKey fromBase64(String base64) {
    try {
      return fromRaw(Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /** A key from a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) block. */
  public static PublicKey fromPem(String pem) {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject object = reader.readPemObject();
      if (object == null || !object.getType().equals("PUBLIC KEY")) {
        throw new IllegalArgumentException("expected a PEM block of type PUBLIC KEY");
      }
      AsymmetricKeyParameter key = PublicKeyFactory.createKey(object.getContent());
      if (!(key instanceof Ed25519PublicKeyParameters ed)) {
        throw new IllegalArgumentException("the PEM public key is not an Ed25519 key");
      }
      return new PublicKey(ed);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("unreadable PEM public key: " + e.getMessage(), e);
    }
  }

  public KeyId id() {
    return id;
  }

  /** A copy of the raw 32 bytes. */
  public byte[] raw() {
    return raw.clone();
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(raw);
  }

  public String pem() {
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(params);
      StringWriter out = new StringWriter();
      try (PemWriter writer = new PemWriter(out)) {
        writer.writeObject(new PemObject("PUBLIC KEY", info.getEncoded()));
      }
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException("encoding an Ed25519 public key failed", e);
    }
  }

  /**
   * Checks an Ed25519 signature over {@code message}.
   *
   * @throws VerificationException with code {@code BAD_SIGNATURE} if it does not verify
   */
  public void verify(byte[] message, byte[] signature) {
    if (signature == null || signature.length != SigningKey.SIGNATURE_LENGTH) {
      throw new VerificationException(
          "BAD_SIGNATURE",
          "signature by key " + id + " has the wrong length (an Ed25519 signature is 64 bytes)");
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, params);
    verifier.update(message, 0, message.length);
    if (!verifier.verifySignature(signature)) {
      throw new VerificationException(
          "BAD_SIGNATURE", "signature by key " + id + " does not match the signed bytes");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "Ed25519 public key " + id;
  }
}
