package org.coopledger.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {
  private static final String URL = "http://127.0.0.1:8080";
  private static final String ORIGIN = "coopledger.example/demo";
  private static final String KEY = "demo+0a1b2c3d+AQID";

  @TempDir Path dir;

  @Test
  void firstContactPinsAndLaterContactsMatch() {
    TrustStore store = TrustStore.at(dir);

    assertThat(store.pin(URL, ORIGIN, KEY)).isEqualTo(TrustStore.Pin.FIRST_USE);
    assertThat(TrustStore.at(dir).pin(URL, ORIGIN, KEY)).isEqualTo(TrustStore.Pin.MATCHED);
    assertThat(store.verifierKeyFor(ORIGIN)).contains(KEY);
  }

  @Test
  void changedKeyIsALoudFailureNamingTheLineToDelete() {
    TrustStore store = TrustStore.at(dir);
    store.pin("http://other:1", "other origin", "other+00+AA");
    store.pin(URL, ORIGIN, KEY);

    assertThatThrownBy(() -> store.pin(URL, ORIGIN, "demo+ffffffff+BBBB"))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("CHECKPOINT KEY HAS CHANGED")
        .hasMessageContaining("pinned: " + KEY)
        .hasMessageContaining("served: demo+ffffffff+BBBB")
        .hasMessageContaining("delete line 2")
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo("NODE_KEY_CHANGED");
  }

  @Test
  void changedOriginForTheSameNodeIsCaughtToo() {
    TrustStore store = TrustStore.at(dir);
    store.pin(URL, ORIGIN, KEY);

    assertThatThrownBy(() -> store.pin(URL, "another ledger", KEY))
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo("NODE_ORIGIN_CHANGED");
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
