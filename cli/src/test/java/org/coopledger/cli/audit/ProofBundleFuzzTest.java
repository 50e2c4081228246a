package org.coopledger.cli.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.error.CoopException;

/**
 * Fuzzes what {@code coop verify-proof} reads from anyone: a proof bundle file, checked offline
 * against a trusted key. Each input is either refused as not a bundle ({@code
 * IllegalArgumentException}, exit 1 with a message), refused by a check with a coded {@link
 * CoopException}, or verifies; nothing else may escape. The seeds are valid bundles built from the
 * web app's test vectors (their checkpoint key is the trusted one here).
 */
class ProofBundleFuzzTest {
  private static final NoteVerifier TRUSTED =
      NoteVerifier.parse(
          "coopledger.local/vector-coop+31233b3d+Aa3BQBH4LRxW2VaqT51z2IWDYaYGBIUl4NCMY43HXdjH");

  @FuzzTest(maxDuration = "30s")
  void readsAndVerifiesOrRefusesWithACode(byte[] input) {
    ProofBundle bundle;
    try {
      bundle = ProofBundle.parse(new String(input, UTF_8), "fuzzed.json");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("fuzzed.json");
      return;
    }
    try {
      ProofBundle.Verified verified = bundle.verify(TRUSTED);
      assertThat(verified.signers()).contains(verified.entry().entry().author());
    } catch (CoopException e) {
      assertThat(e.code()).isNotBlank();
    }
  }
}
