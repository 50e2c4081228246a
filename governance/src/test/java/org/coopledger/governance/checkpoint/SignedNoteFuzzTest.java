package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.CoopException;

/**
 * Fuzzes what an auditor reads from a node it does not trust: signed notes, the checkpoints and
 * receipts they carry, and verifier keys. Each input either parses (and verifies, for the log key
 * whose name the seeds use) or is refused with a coded {@link CoopException}; nothing else may
 * escape. What parses has one text form: formatting it again gives back the input.
 */
class SignedNoteFuzzTest {
  /** The seeds in SignedNoteFuzzTestInputs are signed by this key (seed 7, this origin). */
  static final String ORIGIN = "coopledger/fuzz-coop/00112233aabbccdd";

  private static final NoteVerifier LOG =
      NoteSigner.of(ORIGIN, SigningKey.fromSeed(seed())).verifier();

  static byte[] seed() {
    byte[] seed = new byte[32];
    seed[0] = 7;
    return seed;
  }

  @FuzzTest(maxDuration = "30s")
  void parsesOneTextFormOrRefusesWithACode(byte[] input) {
    SignedNote note = null;
    try {
      note = SignedNote.parse(input);
      assertThat(note.bytes()).isEqualTo(input);
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
    }
    if (note != null) {
      try {
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        assertThat(checkpoint.body()).isEqualTo(note.text());
      } catch (CoopException e) {
        assertThat(e.code()).isNotBlank();
      }
      try {
        Receipt receipt = Receipt.parse(note.text());
        assertThat(receipt.body()).isEqualTo(note.text());
      } catch (CoopException e) {
        assertThat(e.code()).isNotBlank();
      }
    }
    try {
      SignedCheckpoint.verify(input, LOG);
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
    }
    String text = new String(input, UTF_8);
    try {
      SignedReceipt.verify(text, LOG);
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
    }
    try {
      NoteVerifier key = NoteVerifier.parse(text);
      assertThat(key.vkey()).isEqualTo(text);
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
    }
  }
}
