package org.coopledger.governance.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted key files use PBKDF2-HMAC-SHA256 with 600,000 rounds, and both OpenSSL and Python's
 * {@code cryptography} read them (and the plain ones) to the same public key. The external tools
 * are skipped, not faked, when they are not installed.
 */
class KeyFileInteropTest {
  private static final String PASSPHRASE = "correct horse battery staple";

  @TempDir Path dir;

  @Test
  void encryptedKeysUsePbkdf2WithHmacSha256AndAtLeast600kRounds() throws Exception {
    String pem = SigningKey.generate().toPem(PASSPHRASE.toCharArray());
    byte[] der = new PemReader(new java.io.StringReader(pem)).readPemObject().getContent();
    var info = new PKCS8EncryptedPrivateKeyInfo(der).toASN1Structure();
    PBES2Parameters pbes2 =
        PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
    PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
    EncryptionScheme scheme = pbes2.getEncryptionScheme();

    assertThat(kdf.getIterationCount().intValue()).isGreaterThanOrEqualTo(600_000);
    assertThat(kdf.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
    assertThat(scheme.getAlgorithm().getId()).isEqualTo("2.16.840.1.101.3.4.1.42"); // AES-256-CBC
  }

  @Test
  void oldKeyFilesWithPbkdf2Sha1And2048RoundsStillOpen() {
    // Written by an earlier coopledger (PBKDF2-HMAC-SHA1, 2,048 rounds, AES-256-CBC, PKCS#8 v2).
    String old =
        """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIG5MFUGCSqGSIb3DQEFDTBIMCcGCSqGSIb3DQEFDDAaBBTa5pMr4nAarVU92fdI
        FeKWWBPpBQICCAAwHQYJYIZIAWUDBAEqBBBiFtIvDSfmuvJWBivX1cIrBGAv1qw5
        Jlj6hLehhYEwtEW6R0EfikHQqxqjIbi/aVRKQ4qJFwL6WWovZdAsETfxsnHcbAJL
        dbflN5u0Lytv6WeENyhrquBoaftcUmXcvJjDe31DiEKfdSJfUpm8/cgPg7I=
        -----END ENCRYPTED PRIVATE KEY-----
        """;

    assertThat(SigningKey.fromPem(old, "old".toCharArray()).publicKey()).isNotNull();
  }

  @Test
  void openSslReadsPlainAndEncryptedKeysToTheSamePublicKey() throws Exception {
    assumeTrue(available("openssl", "version"), "openssl is not installed");
    SigningKey key = SigningKey.generate();
    Path plain = write("plain.pem", key.toPem());
    Path encrypted = write("encrypted.pem", key.toPem(PASSPHRASE.toCharArray()));
    String expected = HexFormat.of().formatHex(key.publicKey().raw());

    for (Path file : List.of(plain, encrypted)) {
      String text =
          run(
              "openssl",
              "pkey",
              "-in",
              file.toString(),
              "-passin",
              "pass:" + PASSPHRASE,
              "-text_pub",
              "-noout");
      assertThat(text.replaceAll("[^0-9a-f]", "")).as(text).contains(expected);
    }
  }

  @Test
  void pythonCryptographyReadsPlainAndEncryptedKeysToTheSamePublicKey() throws Exception {
    assumeTrue(
        available("python3", "-c", "import cryptography"), "python3 with cryptography is missing");
    SigningKey key = SigningKey.generate();
    Path plain = write("plain.pem", key.toPem());
    Path encrypted = write("encrypted.pem", key.toPem(PASSPHRASE.toCharArray()));
    String script =
        "import sys\n"
            + "from cryptography.hazmat.primitives import serialization as s\n"
            + "pw = sys.argv[2].encode() if len(sys.argv) > 2 else None\n"
            + "k = s.load_pem_private_key(open(sys.argv[1], 'rb').read(), password=pw)\n"
            + "print(k.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw).hex())\n";
    String expected = HexFormat.of().formatHex(key.publicKey().raw());

    assertThat(run("python3", "-c", script, plain.toString()).strip()).isEqualTo(expected);
    assertThat(run("python3", "-c", script, encrypted.toString(), PASSPHRASE).strip())
        .isEqualTo(expected);
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    return file;
  }

  private static boolean available(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
    return out;
  }
}
