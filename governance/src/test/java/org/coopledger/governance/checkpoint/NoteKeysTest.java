package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coopledger.governance.checkpoint.Rejections.assertRejected;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.Test;

class NoteKeysTest {
  private static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  @Test
  void theKeyHashIsTheFirstFourBytesOfSha256OfNameNewlineTypeAndKey() throws Exception {
    SigningKey key = SignedNoteTest.seeded(9);
    ByteArrayOutputStream preimage = new ByteArrayOutputStream();
    preimage.write("coop.example/ledger\n".getBytes(UTF_8));
    preimage.write(0x01);
    preimage.write(key.publicKey().raw());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(preimage.toByteArray());
    int expected =
        ((digest[0] & 0xff) << 24)
            | ((digest[1] & 0xff) << 16)
            | ((digest[2] & 0xff) << 8)
            | (digest[3] & 0xff);

    NoteSigner signer = NoteSigner.of("coop.example/ledger", key);
    assertThat(signer.keyHash()).isEqualTo(expected);
    assertThat(signer.verifier().vkey())
        .isEqualTo(
            String.format("coop.example/ledger+%08x+", expected)
                + Base64.getEncoder().encodeToString(concat((byte) 1, key.publicKey().raw())));
  }

  @Test
  void theSameKeyAsLogSignerAndAsCosignerHasTwoDistinctKeyHashes() {
    SigningKey key = SignedNoteTest.seeded(9);
    NoteVerifier log = NoteSigner.of("n", key).verifier();
    NoteVerifier witness = Cosigner.of("n", key).verifier();
    assertThat(log.keyHash()).isNotEqualTo(witness.keyHash());
    // base64 of the type byte 0x04 followed by key bytes starts with 'B'
    assertThat(witness.vkey()).startsWith("n+" + NoteFormat.hex(witness.keyHash()) + "+B");
  }

  @Test
  void verifierKeysRoundTripThroughTheirString() {
    NoteVerifier v = NoteVerifier.parse(PETER_VKEY);
    assertThat(v.vkey()).isEqualTo(PETER_VKEY);
    assertThat(v.name()).isEqualTo("PeterNeumann");
    assertThat(NoteVerifier.parse(v.vkey())).isEqualTo(v);
    NoteVerifier witness = Cosigner.of("w.example", SignedNoteTest.seeded(4)).verifier();
    assertThat(NoteVerifier.parse(witness.vkey())).isEqualTo(witness);
  }

  @Test
  void aVerifierKeyWhoseBase64ContainsAPlusParses() {
    // From the transparency-dev/formats tests: the key material itself contains '+'.
    NoteVerifier v =
        NoteVerifier.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6");
    assertThat(v.name()).isEqualTo("TEST");
    assertThat(v.type()).isEqualTo(SignatureType.ED25519);
  }

  @Test
  void everyTruncationAndEveryAlteredCharacterOfAVerifierKeyIsRejected() {
    for (int i = 0; i <= PETER_VKEY.length(); i++) {
      for (int j = i; j <= PETER_VKEY.length(); j++) {
        if (i != 0 || j != PETER_VKEY.length()) {
          String part = PETER_VKEY.substring(i, j);
          assertThatThrownBy(() -> NoteVerifier.parse(part))
              .as(part)
              .isInstanceOf(VerificationException.class);
        }
      }
    }
    for (int i = 0; i < PETER_VKEY.length(); i++) {
      char[] chars = PETER_VKEY.toCharArray();
      chars[i]++;
      String altered = new String(chars);
      assertThatThrownBy(() -> NoteVerifier.parse(altered))
          .as(altered)
          .isInstanceOf(VerificationException.class);
    }
  }

  @Test
  void verifierKeyErrorsSayWhatIsWrong() {
    assertRejected(
        () ->
            NoteVerifier.parse(
                "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
        "MALFORMED_VERIFIER_KEY",
        "does not match");
    assertRejected(
        () ->
            NoteVerifier.parse(
                "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
        "MALFORMED_VERIFIER_KEY",
        "8 lowercase hex");
    assertRejected(
        () -> NoteVerifier.parse("PeterNeumann+c74f20a3"), "MALFORMED_VERIFIER_KEY", "<name>+");
    assertRejected(
        () -> NoteVerifier.parse("Peter Neumann+c74f20a3+ARpc"), "MALFORMED_VERIFIER_KEY", "name");
    assertRejected(
        () -> NoteVerifier.parse("x+00000000+" + Base64.getEncoder().encodeToString(new byte[33])),
        "UNSUPPORTED_KEY_TYPE",
        "0x00");
    byte[] ecdsa = new byte[33];
    ecdsa[0] = 2;
    assertRejected(
        () -> NoteVerifier.parse("x+00000000+" + Base64.getEncoder().encodeToString(ecdsa)),
        "UNSUPPORTED_KEY_TYPE",
        "0x02");
    byte[] shortKey = new byte[32];
    shortKey[0] = 1;
    assertRejected(
        () -> NoteVerifier.parse("x+00000000+" + Base64.getEncoder().encodeToString(shortKey)),
        "MALFORMED_VERIFIER_KEY",
        "31 key bytes");
  }

  @Test
  void signerKeysAreCheckedAgainstTheirHashAndNeverEchoTheSecret() {
    String skey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    assertThat(NoteSigner.parse(skey).verifier().vkey()).isEqualTo(PETER_VKEY);
    for (String bad :
        new String[] {
          skey.replace("c74f20a3", "c74f20a4"),
          skey.replace("PRIVATE+KEY+", "PRIVATE+"),
          skey.replace("+AYEK", "+AoEK"),
          skey.substring(0, skey.length() - 1),
        }) {
      assertThatThrownBy(() -> NoteSigner.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .message()
          .doesNotContain("FALVFGyNhPJEMzD1QIDr");
    }
  }

  private static byte[] concat(byte b, byte[] rest) {
    byte[] out = new byte[1 + rest.length];
    out[0] = b;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
