package org.coopledger.governance.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.SecureRandom;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
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
              new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
              new DEROctetString(params.getEncoded()));
      PemObject object;
      if (passphrase == null || passphrase.length == 0) {
        object = new PemObject(PLAIN, info.getEncoded());
      } else {
        var encryptor =
            new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(Jce.PROVIDER)
                .setRandom(new SecureRandom())
                .setPRF(PKCS8Generator.PRF_HMACSHA256)
                .setIterationCount(PBKDF2_ITERATIONS)
                .setPassword(passphrase)
                .build();
        object = new PKCS8Generator(info, encryptor).generate();
      }
      StringWriter out = new StringWriter();
      try (PemWriter writer = new PemWriter(out)) {
        writer.writeObject(object);
      }
      return out.toString();
    } catch (IOException | OperatorCreationException e) {
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
          var decryptor =
              new JceOpenSSLPKCS8DecryptorProviderBuilder()
                  .setProvider(Jce.PROVIDER)
                  .build(passphrase);
          info =
              new PKCS8EncryptedPrivateKeyInfo(object.getContent())
                  .decryptPrivateKeyInfo(decryptor);
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
    } catch (PKCSException e) {
      throw new KeyFileException("wrong passphrase, or a damaged encrypted key");
    } catch (IOException | OperatorCreationException | IllegalArgumentException e) {
      throw new KeyFileException("not a valid PKCS#8 private key: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "Ed25519 signing key " + id();
  }

  /**
   * Bouncy Castle's JCE provider, only for encrypting and decrypting PEM keys. Built on first use:
   * registering its hundreds of algorithms costs a short-lived command (signing with a plain key,
   * {@code coop vote}) a noticeable share of its start-up, and plain keys never need it.
   */
  private static final class Jce {
    static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
  }
}
