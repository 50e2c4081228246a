package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coopledger.governance.checkpoint.Rejections.assertRejected;

import java.util.Base64;
import java.util.List;
import org.coopledger.governance.crypto.SigningKey;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
  private static final String TEXT = "coop.example/ledger\n3\n" + "A".repeat(43) + "=\n";
  private static final NoteSigner ALICE = NoteSigner.of("alice.example", seeded(1));
  private static final NoteSigner BOB = NoteSigner.of("bob.example", seeded(2));

  static SigningKey seeded(int b) {
    byte[] seed = new byte[32];
    seed[0] = (byte) b;
    return SigningKey.fromSeed(seed);
  }

  private static String aliceNote() {
    return SignedNote.sign(TEXT, ALICE).encode();
  }

  @Test
  void aSignedNoteRoundTripsThroughItsEncoding() {
    SignedNote note = SignedNote.sign(TEXT, ALICE, BOB);
    SignedNote parsed = SignedNote.parse(note.bytes());
    assertThat(parsed).isEqualTo(note);
    assertThat(parsed.encode()).isEqualTo(note.encode());
    assertThat(parsed.verify(ALICE.verifier(), BOB.verifier())).isEqualTo(TEXT);
  }

  @Test
  void theEncodingIsTextBlankLineAndEmDashSignatureLines() {
    String encoded = aliceNote();
    assertThat(encoded).startsWith(TEXT + "\n\u2014 alice.example ");
    assertThat(encoded).endsWith("\n");
    byte[] blob =
        Base64.getDecoder().decode(encoded.substring(encoded.lastIndexOf(' ') + 1).strip());
    assertThat(blob).hasSize(4 + 64);
    int hash =
        ((blob[0] & 0xff) << 24)
            | ((blob[1] & 0xff) << 16)
            | ((blob[2] & 0xff) << 8)
            | (blob[3] & 0xff);
    assertThat(hash).isEqualTo(ALICE.keyHash());
  }

  @Test
  void textsMayContainEmptyLinesSinceTheLastBlankLineSeparatesTheSignatures() {
    String text = "first\n\nthird\n";
    SignedNote parsed = SignedNote.parse(SignedNote.sign(text, ALICE).encode());
    assertThat(parsed.verify(ALICE.verifier())).isEqualTo(text);
  }

  @Test
  void signaturesByUnknownKeysAreIgnored() {
    String note = SignedNote.sign(TEXT, BOB, ALICE).encode();
    assertThat(SignedNote.parse(note).verify(ALICE.verifier())).isEqualTo(TEXT);
  }

  @Test
  void aLineSharingOnlyTheNameOrOnlyTheKeyHashOfARequiredKeyIsIgnored() {
    // Same name as Alice, another key: a different key hash.
    NoteSigner impostor = NoteSigner.of("alice.example", seeded(3));
    NoteSignature sameName = impostor.sign(TEXT);
    // Alice's key hash under another name, with garbage signature bytes.
    NoteSignature sameHash = new NoteSignature("mallory.example", ALICE.keyHash(), new byte[64]);
    SignedNote note = SignedNote.parse(aliceNote()).withSignature(sameName).withSignature(sameHash);
    assertThat(SignedNote.parse(note.encode()).verify(ALICE.verifier())).isEqualTo(TEXT);
  }

  @Test
  void aRequiredKeyThatDidNotSignIsReportedAsUnknownKey() {
    assertRejected(
        () -> SignedNote.parse(aliceNote()).verify(ALICE.verifier(), BOB.verifier()),
        "UNKNOWN_KEY",
        "bob.example+");
  }

  @Test
  void aRequiredKeyWhoseSignatureDoesNotVerifyRejectsTheWholeNote() {
    String forged =
        new SignedNote(
                TEXT, List.of(new NoteSignature("alice.example", ALICE.keyHash(), new byte[64])))
            .encode();
    assertRejected(
        () -> SignedNote.parse(forged).verify(ALICE.verifier()),
        "BAD_NOTE_SIGNATURE",
        "alice.example+" + NoteFormat.hex(ALICE.keyHash()));
    String otherText = SignedNote.sign("other\n", ALICE).signatures().get(0).line();
    assertRejected(
        () -> SignedNote.parse(TEXT + "\n" + otherText).verify(ALICE.verifier()),
        "BAD_NOTE_SIGNATURE",
        "does not verify");
  }

  @Test
  void twoSignaturesByTheSameKeyAreRejected() {
    String line = ALICE.sign(TEXT).line();
    assertRejected(
        () -> SignedNote.parse(TEXT + "\n" + line + line).verify(ALICE.verifier()),
        "DUPLICATE_SIGNATURE",
        "more than one signature by alice.example");
    assertRejected(
        () -> SignedNote.sign(TEXT, ALICE, ALICE), "DUPLICATE_SIGNATURE", "alice.example");
    assertRejected(
        () -> SignedNote.parse(aliceNote()).withSignature(ALICE.sign(TEXT)),
        "DUPLICATE_SIGNATURE",
        "alice.example");
  }

  @Test
  void crlfLineEndingsAndOtherControlCharactersAreRejected() {
    assertRejected(
        () -> SignedNote.parse(aliceNote().replace("\n", "\r\n")), "MALFORMED_NOTE", "U+000D");
    assertRejected(
        () -> SignedNote.parse(aliceNote().replaceFirst("ledger", "led\tger")),
        "MALFORMED_NOTE",
        "U+0009");
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] bytes = aliceNote().getBytes(UTF_8);
    bytes[2] = (byte) 0xff;
    assertRejected(() -> SignedNote.parse(bytes), "MALFORMED_NOTE", "UTF-8");
    // An overlong encoding of '/' (0xC0 0xAF) is not valid UTF-8 either.
    byte[] overlong = aliceNote().getBytes(UTF_8);
    int slash = aliceNote().indexOf('/');
    overlong[slash] = (byte) 0xc0;
    assertRejected(() -> SignedNote.parse(overlong), "MALFORMED_NOTE", "UTF-8");
    assertRejected(
        () -> SignedNote.parse("a\uD800b\n\n" + ALICE.sign("a\n").line()),
        "MALFORMED_NOTE",
        "UTF-8");
  }

  @Test
  void theSignatureBlockMustFollowABlankLineAndEndWithANewline() {
    String note = aliceNote();
    assertRejected(
        () -> SignedNote.parse(note.replace(TEXT + "\n", TEXT)), "MALFORMED_NOTE", "blank line");
    assertRejected(
        () -> SignedNote.parse(note.substring(0, note.length() - 1)),
        "MALFORMED_NOTE",
        "does not end with a newline");
    assertRejected(() -> SignedNote.parse(TEXT + "\n"), "MALFORMED_NOTE", "no signature lines");
    assertRejected(() -> SignedNote.parse(note + "\n"), "MALFORMED_NOTE", "no signature lines");
  }

  @Test
  void signatureLinesMustStartWithAnEmDashAndASpace() {
    String note = aliceNote();
    assertRejected(
        () -> SignedNote.parse(note.replace("\u2014 ", "- ")), "MALFORMED_NOTE", "em dash");
    assertRejected(
        () -> SignedNote.parse(note.replace("\u2014 ", "\u2013 ")), "MALFORMED_NOTE", "em dash");
    assertRejected(
        () -> SignedNote.parse(note.replace("\u2014 ", "\u2014")), "MALFORMED_NOTE", "em dash");
    assertRejected(
        () -> SignedNote.parse(note + "trailing junk\n"), "MALFORMED_NOTE", "signature line 2");
  }

  @Test
  void keyNamesMustBeNonEmptyWithoutPlusOrSpaces() {
    String b64 = aliceNote().substring(aliceNote().lastIndexOf(' ') + 1);
    for (String name : List.of("", "alice+example", "alice\u00a0example")) {
      assertRejected(
          () -> SignedNote.parse(TEXT + "\n\u2014 " + name + " " + b64),
          "MALFORMED_NOTE",
          "signature line 1");
    }
    assertRejected(
        () -> SignedNote.parse(TEXT + "\n\u2014 alice.example  " + b64),
        "MALFORMED_NOTE",
        "base64");
    assertThatThrownBy(() -> NoteSigner.of("has space", seeded(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signaturesMustBeCanonicalPaddedBase64OfMoreThanFourBytes() {
    String note = aliceNote();
    String b64 = note.substring(note.lastIndexOf(' ') + 1, note.length() - 1);
    String head = TEXT + "\n\u2014 alice.example ";
    // 68 bytes encode with one '=' of padding; the last symbol before it carries 2 unused bits.
    char last = b64.charAt(b64.length() - 2);
    char sibling = (char) (last ^ 1);
    for (String bad :
        List.of(
            b64.substring(0, b64.length() - 1), // padding removed
            b64.substring(0, b64.length() - 2) + sibling + "=", // non-zero trailing bits
            b64.replace('+', '-').replace('/', '_') + "x", // URL alphabet
            "!!!!",
            "")) {
      assertRejected(
          () -> SignedNote.parse(head + bad + "\n"), "MALFORMED_NOTE", "signature line 1");
    }
    assertRejected(
        () -> SignedNote.parse(head + Base64.getEncoder().encodeToString(new byte[4]) + "\n"),
        "MALFORMED_NOTE",
        "too short");
  }

  @Test
  void moreThanOneHundredSignatureLinesAreRejectedButSixteenAreFine() {
    StringBuilder sixteen = new StringBuilder(TEXT).append('\n');
    StringBuilder many = new StringBuilder(TEXT).append('\n');
    for (int i = 0; i < 101; i++) {
      String line = new NoteSignature("w" + i + ".example", i, new byte[64]).line();
      if (i < 15) {
        sixteen.append(line);
      }
      many.append(line);
    }
    sixteen.append(ALICE.sign(TEXT).line());
    assertThat(SignedNote.parse(sixteen.toString()).verify(ALICE.verifier())).isEqualTo(TEXT);
    assertRejected(() -> SignedNote.parse(many.toString()), "MALFORMED_NOTE", "at most 100");
  }

  @Test
  void signingRequiresATextEndingInANewline() {
    assertThatThrownBy(() -> SignedNote.sign("no newline", ALICE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
