package org.coopledger.governance.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static final byte[] MESSAGE = "pay alice 12.50 EUR".getBytes(UTF_8);

  @Test
  void signatureVerifiesWithTheMatchingPublicKey() {
    SigningKey key = SigningKey.generate();
    key.publicKey().verify(MESSAGE, key.sign(MESSAGE));
  }

  @Test
  void verifyThrowsOnAFlippedMessageByte() {
    SigningKey key = SigningKey.generate();
    byte[] signature = key.sign(MESSAGE);
    byte[] altered = MESSAGE.clone();
    altered[0] ^= 1;
    assertThatThrownBy(() -> key.publicKey().verify(altered, signature))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining(key.id().hex());
  }

  @Test
  void verifyThrowsForAnotherKeysSignatureAndWrongLengths() {
    SigningKey key = SigningKey.generate();
    SigningKey other = SigningKey.generate();
    assertThatThrownBy(() -> key.publicKey().verify(MESSAGE, other.sign(MESSAGE)))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> key.publicKey().verify(MESSAGE, new byte[63]))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void rfc8032TestVectorOneMatches() {
    // RFC 8032 section 7.1, TEST 1 (empty message).
    HexFormat hex = HexFormat.of();
    SigningKey key =
        SigningKey.fromSeed(
            hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(hex.formatHex(key.publicKey().raw()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(hex.formatHex(key.sign(new byte[0])))
        .isEqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void plainPemRoundTrips() {
    SigningKey key = SigningKey.generate();
    String pem = key.toPem();
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    SigningKey read = SigningKey.fromPem(pem);
    assertThat(read.publicKey()).isEqualTo(key.publicKey());
  }

  @Test
  void encryptedPemNeedsTheRightPassphrase() {
    SigningKey key = SigningKey.generate();
    String pem = key.toPem("correct horse".toCharArray());
    assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(SigningKey.fromPem(pem, "correct horse".toCharArray()).id()).isEqualTo(key.id());
    assertThatThrownBy(() -> SigningKey.fromPem(pem, "wrong".toCharArray()))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("passphrase");
    assertThatThrownBy(() -> SigningKey.fromPem(pem))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("encrypted");
  }

  @Test
  void publicKeyRoundTripsThroughBase64AndPem() {
    PublicKey key = SigningKey.generate().publicKey();
    assertThat(PublicKey.fromBase64(key.base64())).isEqualTo(key);
    assertThat(PublicKey.fromPem(key.pem())).isEqualTo(key);
    assertThat(PublicKey.fromRaw(key.raw()).id()).isEqualTo(key.id());
  }

  @Test
  void keyIdIsTheFirstSixteenBytesOfTheSha256OfTheRawKey() throws Exception {
    PublicKey key = SigningKey.generate().publicKey();
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.raw());
    assertThat(key.id().hex()).isEqualTo(HexFormat.of().formatHex(digest, 0, 16));
  }

  @Test
  void garbageIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> SigningKey.fromPem("hello"))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("no PEM block");
    assertThatThrownBy(() -> PublicKey.fromRaw(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> KeyId.parse("xyz")).isInstanceOf(IllegalArgumentException.class);
  }
}
