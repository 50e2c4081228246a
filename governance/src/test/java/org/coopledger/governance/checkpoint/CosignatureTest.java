package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coopledger.governance.checkpoint.Rejections.assertRejected;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CosignatureTest {
  private static final String ORIGIN = "coop.example/ledger";
  private static final NoteSigner LOG = NoteSigner.of(ORIGIN, SignedNoteTest.seeded(10));
  private static final Cosigner W1 = Cosigner.of("node-2.coop.example", SignedNoteTest.seeded(11));
  private static final Cosigner W2 = Cosigner.of("node-3.coop.example", SignedNoteTest.seeded(12));
  private static final Checkpoint CHECKPOINT = new Checkpoint(ORIGIN, 5, new byte[32]);
  private static final long T = 1_763_900_000L;

  @Test
  void aCosignatureSignsTheHeaderTimeLineAndCheckpointBody() {
    Cosignature c = W1.cosign(CHECKPOINT, T);
    byte[] expectedMessage =
        ("cosignature/v1\ntime 1763900000\n" + ORIGIN + "\n5\n" + "A".repeat(43) + "=\n")
            .getBytes(UTF_8);
    // Checked with the raw Ed25519 key, independently of NoteVerifier.
    W1.verifier().publicKey().verify(expectedMessage, c.signature());
    c.verify(CHECKPOINT, W1.verifier());
  }

  @Test
  void theLineCarriesKeyHashThenBigEndianTimestampThenSignature() {
    Cosignature c = W1.cosign(CHECKPOINT, T);
    NoteSignature line = c.toNoteSignature();
    assertThat(line.keyHash()).isEqualTo(W1.verifier().keyHash());
    ByteBuffer bytes = ByteBuffer.wrap(line.signature());
    assertThat(bytes.remaining()).isEqualTo(72);
    assertThat(bytes.getLong()).isEqualTo(T);
    assertThat(Cosignature.fromLine(line)).isEqualTo(c);
  }

  @Test
  void aCosignatureDoesNotVerifyForAnotherCheckpointOrTimestamp() {
    Cosignature c = W1.cosign(CHECKPOINT, T);
    Checkpoint bigger = new Checkpoint(ORIGIN, 6, new byte[32]);
    assertRejected(() -> c.verify(bigger, W1.verifier()), "BAD_NOTE_SIGNATURE", "does not verify");
    Cosignature moved = new Cosignature(c.name(), c.keyHash(), T + 1, c.signature());
    assertRejected(
        () -> moved.verify(CHECKPOINT, W1.verifier()), "BAD_NOTE_SIGNATURE", "does not verify");
    assertRejected(() -> c.verify(CHECKPOINT, W2.verifier()), "UNKNOWN_KEY", "node-3.coop.example");
  }

  @Test
  void aLogSignerRefusesToSignATextShapedLikeACosignatureMessage() {
    // Otherwise a node using one key as log signer and as witness could be made to cosign.
    NoteSigner sameKey = NoteSigner.of("node-2.coop.example", SignedNoteTest.seeded(11));
    String message = "cosignature/v1\ntime " + T + "\n" + CHECKPOINT.body();
    assertThatThrownBy(() -> sameKey.sign(message)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPlainEd25519VerifierForTheSameKeyDoesNotAcceptACosignature() {
    NoteVerifier plain =
        NoteVerifier.of(W1.name(), SignatureType.ED25519, W1.verifier().publicKey());
    SignedCheckpoint cosigned = SignedCheckpoint.sign(CHECKPOINT, LOG).cosign(W1, T);
    assertRejected(() -> cosigned.note().verify(plain), "UNKNOWN_KEY", W1.name());
  }

  @Test
  void cosignatureLinesOfTheWrongLengthOrWithTheTopTimestampBitSetAreMalformed() {
    NoteSignature shortLine = new NoteSignature(W1.name(), W1.verifier().keyHash(), new byte[64]);
    assertRejected(() -> Cosignature.fromLine(shortLine), "MALFORMED_NOTE", "72");
    byte[] huge = new byte[72];
    huge[0] = (byte) 0x80;
    NoteSignature hugeTime = new NoteSignature(W1.name(), W1.verifier().keyHash(), huge);
    assertRejected(() -> Cosignature.fromLine(hugeTime), "MALFORMED_NOTE", "2^63-1");
    SignedNote note = SignedCheckpoint.sign(CHECKPOINT, LOG).note().withSignature(shortLine);
    assertRejected(() -> note.verify(W1.verifier()), "MALFORMED_NOTE", "72");
  }

  @Test
  void theNodeSignsWitnessesCosignAndTheAuditorRequiresAllOfThem() {
    SignedCheckpoint signed =
        SignedCheckpoint.sign(CHECKPOINT, LOG).cosign(W1, T).cosign(W2, T + 3);
    byte[] served = signed.bytes();

    SignedCheckpoint audited =
        SignedCheckpoint.verify(served, LOG.verifier(), List.of(W1.verifier(), W2.verifier()));

    assertThat(audited.checkpoint()).isEqualTo(CHECKPOINT);
    assertThat(audited.cosignature(W2.verifier()).timestamp()).isEqualTo(T + 3);
    assertThat(new String(served, UTF_8))
        .startsWith(CHECKPOINT.body() + "\n\u2014 " + ORIGIN + " ")
        .contains("\n\u2014 node-2.coop.example ")
        .endsWith("\n");
  }

  @Test
  void aMissingRequiredWitnessIsRejectedAndNamed() {
    byte[] served = SignedCheckpoint.sign(CHECKPOINT, LOG).cosign(W1, T).bytes();
    assertRejected(
        () ->
            SignedCheckpoint.verify(served, LOG.verifier(), List.of(W1.verifier(), W2.verifier())),
        "TOO_FEW_SIGNATURES",
        "missing [node-3.coop.example+");
  }

  @Test
  void aCheckpointNotSignedByThePinnedLogKeyIsAnUnknownKey() {
    NoteSigner impostor = NoteSigner.of(ORIGIN, SignedNoteTest.seeded(99));
    byte[] served = SignedCheckpoint.sign(CHECKPOINT, impostor).cosign(W1, T).bytes();
    assertRejected(
        () -> SignedCheckpoint.verify(served, LOG.verifier(), List.of(W1.verifier())),
        "UNKNOWN_KEY",
        "no signature by required key " + ORIGIN + "+");
  }

  @Test
  void aQuorumOfWitnessesSufficesButAPresentBadCosignatureStillRejects() {
    SignedCheckpoint once = SignedCheckpoint.sign(CHECKPOINT, LOG).cosign(W1, T);
    List<NoteVerifier> both = List.of(W1.verifier(), W2.verifier());

    SignedCheckpoint.verify(once.bytes(), LOG.verifier(), both, 1);
    assertRejected(
        () -> SignedCheckpoint.verify(once.bytes(), LOG.verifier(), both, 2),
        "TOO_FEW_SIGNATURES",
        "1 of the 2 trusted keys signed, 2 are needed; missing [node-3.coop.example+");

    Cosignature forged = new Cosignature(W2.name(), W2.verifier().keyHash(), T, new byte[64]);
    byte[] withForged = once.withCosignature(forged).bytes();
    assertRejected(
        () -> SignedCheckpoint.verify(withForged, LOG.verifier(), both, 1),
        "BAD_NOTE_SIGNATURE",
        W2.name());
    assertThat(SignedNote.parse(once.bytes()).verifyQuorum(both, 0)).containsExactly(W1.verifier());
  }

  @Test
  void aWitnessCannotCosignTwice() {
    SignedCheckpoint once = SignedCheckpoint.sign(CHECKPOINT, LOG).cosign(W1, T);
    assertRejected(() -> once.cosign(W1, T + 1), "DUPLICATE_SIGNATURE", W1.name());
  }

  @Test
  void theLogKeyMustBeNamedAfterTheOrigin() {
    NoteSigner other = NoteSigner.of("other.example/log", SignedNoteTest.seeded(10));
    assertThatThrownBy(() -> SignedCheckpoint.sign(CHECKPOINT, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("origin");
    byte[] misnamed = SignedNote.sign(CHECKPOINT.body(), other).bytes();
    assertRejected(
        () -> SignedCheckpoint.verify(misnamed, other.verifier()), "ORIGIN_MISMATCH", ORIGIN);
  }

  @Test
  void aVerifiedNoteWhoseTextIsNotACheckpointIsRejected() {
    byte[] note = SignedNote.sign(ORIGIN + "\n05\nAAAA\n", LOG).bytes();
    assertRejected(
        () -> SignedCheckpoint.verify(note, LOG.verifier()), "MALFORMED_CHECKPOINT", "line 2");
  }
}
