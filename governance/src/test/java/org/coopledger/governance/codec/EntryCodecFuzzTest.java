package org.coopledger.governance.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.coopledger.governance.error.CoopException;

/**
 * Fuzzes the entry codec with arbitrary bytes, as a node receives them from anyone and an auditor
 * from a node. Each input either decodes or is refused with a coded {@link CoopException}; nothing
 * else (no {@code NullPointerException}, no {@code IllegalArgumentException}, no hang) may escape.
 * An entry that decodes has exactly one byte form: re-encoding gives back the input. The same bytes
 * are also read as a {@code LedgerRecord}, the form an auditor fetches.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs only the inputs in {@code EntryCodecFuzzTestInputs}
 * (seeds and past findings); {@code ./run-tests} fuzzes it for a bounded time (docs/testing.md).
 */
class EntryCodecFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodesCanonicallyOrRefusesWithACode(byte[] input) {
    DecodedEntry decoded;
    try {
      decoded = EntryCodec.decode(input);
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
      decoded = null;
    }
    if (decoded != null) {
      assertThat(EntryCodec.encodeSigned(decoded.body(), decoded.signatures())).isEqualTo(input);
      assertThat(EntryCodec.encodeBody(decoded.entry())).isEqualTo(decoded.body());
    }

    AcceptedEntry record;
    try {
      record = AcceptedEntry.fromBytes(input);
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
      return;
    }
    assertThat(record.toBytes()).isEqualTo(input);
  }
}
