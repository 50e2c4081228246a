package org.coopledger.node.ledger;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node's cache of verified signatures may only ever skip the exact (key, message, signature) it
 * verified: once a triple is remembered, changing any one of its parts must still be refused.
 */
class VerifiedSignaturesTest {
  private final SigningKey tess = SigningKey.generate();
  private final SigningKey mallory = SigningKey.generate();
  private final byte[] message = "revenue 100 EUR".getBytes(StandardCharsets.UTF_8);
  private final byte[] signature = tess.sign(message);
  private final VerifiedSignatures cache = new VerifiedSignatures();

  @BeforeEach
  void rememberOneTriple() {
    cache.verifyAndRemember(tess.publicKey(), message, signature);
  }

  @Test
  void theRememberedTriplePasses() {
    assertThatCode(() -> cache.verify(tess.publicKey(), message, signature))
        .doesNotThrowAnyException();
  }

  @Test
  void aChangedMessageIsStillRefused() {
    byte[] changed = "revenue 900 EUR".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> cache.verify(tess.publicKey(), changed, signature))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aChangedSignatureIsStillRefused() {
    byte[] changed = signature.clone();
    changed[5] ^= 1;
    assertThatThrownBy(() -> cache.verify(tess.publicKey(), message, changed))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void anotherKeyIsStillRefused() {
    assertThatThrownBy(() -> cache.verify(mallory.publicKey(), message, signature))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aMessageSignedByAnotherKeyIsStillRefusedForTheRememberedKey() {
    byte[] forged = mallory.sign(message);
    assertThatThrownBy(() -> cache.verify(tess.publicKey(), message, forged))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aTripleThatDoesNotVerifyIsNeverRemembered() {
    byte[] bad = signature.clone();
    bad[0] ^= 1;
    assertThatThrownBy(() -> cache.verifyAndRemember(tess.publicKey(), message, bad))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> cache.verify(tess.publicKey(), message, bad))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aRememberedTripleStillVerifiesAfterItWasUsed() {
    cache.verify(tess.publicKey(), message, signature);
    // Used once, it is forgotten; the second check is a full Ed25519 check, which also passes.
    assertThatCode(() -> cache.verify(tess.publicKey(), message, signature))
        .doesNotThrowAnyException();
  }
}
