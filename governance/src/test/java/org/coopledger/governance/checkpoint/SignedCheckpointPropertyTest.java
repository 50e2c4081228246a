package org.coopledger.governance.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * Any change to a note coopledger produces must be caught: every byte of it is either covered by a
 * required signature or part of the syntax that strict parsing checks. (Lines by keys nobody
 * requires are ignored by design, so the notes here carry only required signatures.)
 */
class SignedCheckpointPropertyTest {
  private static final NoteSigner LOG =
      NoteSigner.of("coop.example/ledger", SignedNoteTest.seeded(20));
  private static final Cosigner WITNESS =
      Cosigner.of("node-2.coop.example", SignedNoteTest.seeded(21));

  private static byte[] note(long size, byte[] root, long time) {
    Checkpoint cp = new Checkpoint(LOG.name(), size, root);
    return SignedCheckpoint.sign(cp, LOG).cosign(WITNESS, time).bytes();
  }

  private static void verify(byte[] note) {
    SignedCheckpoint.verify(note, LOG.verifier(), List.of(WITNESS.verifier()));
  }

  @Property(tries = 500)
  void flippingAnySingleByteMakesVerificationFail(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long size,
      @ForAll @Size(32) byte[] root,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long time,
      @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] note = note(size, root, time);
    verify(note); // the untouched note verifies
    note[where % note.length] ^= (byte) mask;
    assertThatThrownBy(() -> verify(note)).isInstanceOf(VerificationException.class);
  }

  @Test
  void flippingAnySingleBitOfOneNoteMakesVerificationFail() {
    byte[] original = note(123_456, new byte[32], 1_763_900_000L);
    int caught = 0;
    for (int i = 0; i < original.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] note = original.clone();
        note[i] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> verify(note))
            .as("byte %d bit %d", i, bit)
            .isInstanceOf(VerificationException.class);
        caught++;
      }
    }
    assertThat(caught).isEqualTo(original.length * 8);
  }
}
