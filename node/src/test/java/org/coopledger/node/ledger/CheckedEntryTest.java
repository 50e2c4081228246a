package org.coopledger.node.ledger;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.engine.StateMachine;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The node's signature cache ({@link CheckedEntry} as the apply verifier) may only ever skip the
 * exact (key, message, signature) it verified: once an entry is checked, changing any one of the
 * three must still be refused.
 */
class CheckedEntryTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final CoopState founded =
      StateMachine.apply(
              CoopState.empty(),
              new AcceptedEntry(coop.genesis(), CoopFixture.DEMO_START + 1_000),
              SignatureVerifier.CRYPTO)
          .state();
  private final byte[] revenue = coop.revenue("tess", 100, "EUR", "workshop");
  private final CheckedEntry checked = CheckedEntry.check(revenue, founded);
  private final DecodedEntry decoded = EntryCodec.decode(revenue);
  private final PublicKey tess = coop.key("tess").publicKey();
  private final byte[] message = decoded.signingBytes();
  private final byte[] signature = decoded.signatures().get(0).signature();

  @Test
  void theCheckedTriplePasses() {
    assertThatCode(() -> checked.verify(tess, message, signature)).doesNotThrowAnyException();
  }

  @Test
  void aChangedMessageIsStillRefused() {
    byte[] changed = message.clone();
    changed[changed.length - 1] ^= 1;
    assertThatThrownBy(() -> checked.verify(tess, changed, signature))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aChangedSignatureIsStillRefused() {
    byte[] changed = signature.clone();
    changed[5] ^= 1;
    assertThatThrownBy(() -> checked.verify(tess, message, changed))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void anotherKeyIsStillRefused() {
    PublicKey bob = coop.key("bob").publicKey();
    assertThatThrownBy(() -> checked.verify(bob, message, signature))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void anotherKeysSignatureOfTheSameMessageIsStillRefusedForTheCheckedKey() {
    byte[] bobs = coop.key("bob").sign(message);
    assertThatThrownBy(() -> checked.verify(tess, message, bobs))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void anEntryWhoseSignatureDoesNotVerifyIsRefusedBeforeAnythingIsRemembered() {
    byte[] bad = signature.clone();
    bad[0] ^= 1;
    byte[] forged =
        EntryCodec.encodeSigned(
            decoded.body(), java.util.List.of(new EntrySignature(coop.key("tess").id(), bad)));
    assertThatThrownBy(() -> CheckedEntry.check(forged, founded))
        .isInstanceOfSatisfying(
            CoopException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("BAD_SIGNATURE"));
  }
}
