package org.coopledger.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {
  private static final String ORIGIN = "coopledger/demo/0123456789abcdef";
  private static final String KEY = NoteSigner.of(ORIGIN, SigningKey.generate()).verifier().vkey();
  private static final String NEW_KEY =
      NoteSigner.of(ORIGIN, SigningKey.generate()).verifier().vkey();

  @TempDir Path dir;

  @Test
  void firstContactPinsTheLedgersKeyAndLaterContactsMatchWhateverTheUrl() {
    TrustStore store = TrustStore.at(dir);

    assertThat(store.pin(KEY)).isEqualTo(TrustStore.Pin.FIRST_USE);
    assertThat(TrustStore.at(dir).pin(KEY)).isEqualTo(TrustStore.Pin.MATCHED);
    assertThat(store.verifierKeyFor(ORIGIN)).contains(KEY);
  }

  @Test
  void aNewKeyForAKnownLedgerIsALoudFailureThatSaysHowToAcceptARotation() {
    TrustStore store = TrustStore.at(dir);
    store.pin(
        NoteSigner.of("coopledger/other/ffffffffffffffff", SigningKey.generate())
            .verifier()
            .vkey());
    store.pin(KEY);

    assertThatThrownBy(() -> store.pin(NEW_KEY))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("CHECKPOINT KEY HAS CHANGED")
        .hasMessageContaining("pinned: " + KEY)
        .hasMessageContaining("served: " + NEW_KEY)
        .hasMessageContaining("coop trust accept-key")
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(TrustStore.NODE_KEY_CHANGED);
  }

  @Test
  void anAcceptedRotationReplacesThePinAndKeepsTheLastCheckpoint() {
    TrustStore store = TrustStore.at(dir);
    store.pin(KEY);
    store.saveCheckpoint(ORIGIN, "note\n");

    assertThat(store.acceptRotation(NEW_KEY)).contains(KEY);

    assertThat(store.pin(NEW_KEY)).isEqualTo(TrustStore.Pin.MATCHED);
    assertThat(store.lastCheckpoint(ORIGIN)).contains("note\n");
  }

  @Test
  void lastCheckpointIsRememberedPerOrigin() {
    TrustStore store = TrustStore.at(dir);
    store.saveCheckpoint(ORIGIN, "note one\n");
    store.saveCheckpoint(ORIGIN, "note two\n");

    assertThat(TrustStore.at(dir).lastCheckpoint(ORIGIN)).contains("note two\n");
    assertThat(store.lastCheckpoint("never seen")).isEmpty();
  }
}
