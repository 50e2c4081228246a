package org.coopledger.governance.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An Ed25519 private key that signs. Immutable and thread-safe. Its secret bytes are only ever
 * exported as a PKCS#8 PEM block, encrypted when a passphrase is given.
 */
public final class SigningKey {
  public static final int SIGNATURE_LENGTH = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

  private static final String PLAIN = "PRIVATE KEY";
  private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";

  /** id-Ed25519 (RFC 8410). */
  private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

  private static final String PBES2 = "PBEWithHmacSHA256AndAES_256";

  private final Ed25519PrivateKeyParameters params;
  private final PublicKey publicKey;

  private SigningKey(Ed25519PrivateKeyParameters params) {
    this.params = params;
    this.publicKey = PublicKey.of(params.generatePublicKey());
  }

  /** A fresh key from a strong random source. */
  public static SigningKey generate() {
    return new SigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
  }

  /** A key from a 32-byte seed; for tests and deterministic fixtures only. */
  public static SigningKey fromSeed(byte[] seed) {
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    }
    return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public KeyId id() {
    return publicKey.id();
  }

  /** An Ed25519 signature (64 bytes) over {@code message}. */
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, params);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** The key as an unencrypted PKCS#8 PEM block. */
  public String toPem() {
    return toPem(null);
  }

  /**
   * PBKDF2-HMAC-SHA256 rounds for an encrypted key file: OWASP's 2023 figure for PBKDF2 with
   * SHA-256 (earlier files used HMAC-SHA1 with 2,048 and still open).
   */
  public static final int PBKDF2_ITERATIONS = 600_000;

  /**
   * The key as a PKCS#8 PEM block; encrypted (PBES2: PBKDF2-HMAC-SHA256 with {@link
   * #PBKDF2_ITERATIONS} rounds, AES-256-CBC) when {@code passphrase} is neither null nor empty. The
   * private key info is the RFC 8410 v1 form (no embedded public key), which OpenSSL and Python's
   * {@code cryptography} both read.
   */
  public String toPem(char[] passphrase) {
    try {
      PrivateKeyInfo info =
          new PrivateKeyInfo(
              new AlgorithmIdentifier(ID_ED25519), new DEROctetString(params.getEncoded()));
      PemObject object;
      if (passphrase == null || passphrase.length == 0) {
        object = new PemObject(PLAIN, info.getEncoded());
      } else {
        object = new PemObject(ENCRYPTED, encrypt(info.getEncoded(), passphrase));
      }
      StringWriter out = new StringWriter();
      try (PemWriter writer = new PemWriter(out)) {
        writer.writeObject(object);
      }
      return out.toString();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("encoding an Ed25519 private key failed", e);
    }
  }

  /** Reads an unencrypted PKCS#8 PEM private key. */
  public static SigningKey fromPem(String pem) {
    return fromPem(pem, null);
  }

  /**
   * Reads a PKCS#8 PEM private key, decrypting it with {@code passphrase} when it is encrypted.
   *
   * @throws KeyFileException if the text is not an Ed25519 key, or the passphrase is missing or
   *     wrong
   */
  public static SigningKey fromPem(String pem, char[] passphrase) {
    PemObject object;
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      object = reader.readPemObject();
    } catch (IOException e) {
      throw new KeyFileException("unreadable PEM: " + e.getMessage());
    }
    if (object == null) {
      throw new KeyFileException("no PEM block found (expected '-----BEGIN PRIVATE KEY-----')");
    }
    try {
      PrivateKeyInfo info;
      switch (object.getType()) {
        case PLAIN -> info = PrivateKeyInfo.getInstance(object.getContent());
        case ENCRYPTED -> {
          if (passphrase == null || passphrase.length == 0) {
            throw new KeyFileException("the key is encrypted; a passphrase is needed");
          }
          info = PrivateKeyInfo.getInstance(decrypt(object.getContent(), passphrase));
        }
        default ->
            throw new KeyFileException(
                "expected a PRIVATE KEY or ENCRYPTED PRIVATE KEY PEM block, got "
                    + object.getType());
      }
      AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
      if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
        throw new KeyFileException("the private key is not an Ed25519 key");
      }
      return new SigningKey(ed);
    } catch (IOException | IllegalArgumentException e) {
      throw new KeyFileException("not a valid PKCS#8 private key: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "Ed25519 signing key " + id();
  }

  /**
   * PKCS#8 encryption as PBES2 (RFC 8018): PBKDF2 with HMAC-SHA-256 and AES-256-CBC, with the JDK's
   * own provider. Bouncy Castle's JCE provider is not needed for it, so its jars need not be signed
   * and a short-lived command never registers its hundreds of algorithms.
   */
  private static byte[] encrypt(byte[] privateKeyInfo, char[] passphrase)
      throws GeneralSecurityException, IOException {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[16];
    byte[] iv = new byte[16];
    random.nextBytes(salt);
    random.nextBytes(iv);
    Cipher cipher = Cipher.getInstance(PBES2);
    cipher.init(
        Cipher.ENCRYPT_MODE,
        SecretKeyFactory.getInstance(PBES2).generateSecret(new PBEKeySpec(passphrase)),
        new PBEParameterSpec(salt, PBKDF2_ITERATIONS, new IvParameterSpec(iv)));
    byte[] encrypted = cipher.doFinal(privateKeyInfo);
    // The JDK encodes the PBES2 parameters but cannot name the scheme in an
    // EncryptedPrivateKeyInfo itself (it knows no OID for PBEWithHmacSHA256AndAES_256), so the
    // outer structure is written with Bouncy Castle's ASN.1 classes.
    AlgorithmIdentifier scheme =
        new AlgorithmIdentifier(
            PKCSObjectIdentifiers.id_PBES2,
            ASN1Primitive.fromByteArray(cipher.getParameters().getEncoded()));
    return new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(scheme, encrypted).getEncoded();
  }

  /**
   * Decrypts a PKCS#8 {@code EncryptedPrivateKeyInfo} made with PBES2 and any PBKDF2 PRF and AES
   * key size the JDK knows (older key files used HMAC-SHA-1).
   */
  private static byte[] decrypt(byte[] encryptedInfo, char[] passphrase) throws IOException {
    EncryptedPrivateKeyInfo encrypted = new EncryptedPrivateKeyInfo(encryptedInfo);
    AlgorithmParameters params = encrypted.getAlgParameters();
    if (params == null) {
      throw new KeyFileException(
          "unsupported key encryption " + encrypted.getAlgName() + " (expected PBES2)");
    }
    // For PBES2 the parameters name the whole scheme, e.g. PBEWithHmacSHA256AndAES_256.
    String scheme = params.toString();
    try {
      Cipher cipher = Cipher.getInstance(scheme);
      cipher.init(
          Cipher.DECRYPT_MODE,
          SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(passphrase)),
          params);
      return encrypted.getKeySpec(cipher).getEncoded();
    } catch (NoSuchAlgorithmException e) {
      throw new KeyFileException("unsupported key encryption " + scheme);
    } catch (GeneralSecurityException e) {
      throw new KeyFileException("wrong passphrase, or a damaged encrypted key");
    }
  }
}
