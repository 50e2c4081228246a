package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.Test;

/** Offline bundle checks on a bundle built from the web app's test vectors (the fuzz seed). */
class ProofBundleTest {
  private static final NoteVerifier TRUSTED =
      NoteVerifier.parse(
          "coopledger.local/vector-coop+31233b3d+Aa3BQBH4LRxW2VaqT51z2IWDYaYGBIUl4NCMY43HXdjH");

  @Test
  void theVectorBundleVerifiesWithItsMemberSignature() throws Exception {
    ProofBundle.Verified verified = ProofBundle.parse(seed(), "seed").verify(TRUSTED);

    assertThat(verified.signers()).containsExactly(verified.entry().entry().author());
  }

  @Test
  void aSignerKeyThatIsNotTheKeyItsIdNamesIsRefused() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(seed());
    ObjectNode keys = (ObjectNode) json.get("signerKeys");
    String id = keys.fieldNames().next();
    keys.put(id, "ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=".replace('e', 'f'));

    assertThatThrownBy(() -> ProofBundle.parse(json.toString(), "changed").verify(TRUSTED))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.code()).isEqualTo(ProofBundle.SIGNER_KEY_MISSING));
  }

  @Test
  void aBundleWithoutSignerKeysIsRefusedRatherThanTakenOnTrust() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(seed());
    json.remove("signerKeys");

    assertThatThrownBy(() -> ProofBundle.parse(json.toString(), "old").verify(TRUSTED))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.code()).isEqualTo(ProofBundle.SIGNER_KEY_MISSING));
  }

  private static String seed() throws Exception {
    try (InputStream in =
        ProofBundleTest.class.getResourceAsStream(
            "ProofBundleFuzzTestInputs/readsAndVerifiesOrRefusesWithACode/seed-bundle-5")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
