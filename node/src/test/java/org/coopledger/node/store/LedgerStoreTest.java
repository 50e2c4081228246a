package org.coopledger.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB store on a real temporary directory. */
class LedgerStoreTest {
  @TempDir Path dir;

  @Test
  void aCommittedBatchIsReadBackWholeAfterReopening() {
    try (LedgerStore store = LedgerStore.open(dir)) {
      LedgerBatch batch = new LedgerBatch(0);
      assertThat(batch.addRecord(bytes("a"), id(1))).isZero();
      assertThat(batch.addRecord(bytes("b"), id(2))).isEqualTo(1);
      batch.addHash(0, 0, new byte[32]);
      batch.state(bytes("state-1"));
      batch.applied(new AppliedIndex(1, 7));
      store.commit(batch);
      store.putCheckpoint(2, "note at 2\n");
    }
    try (LedgerStore store = LedgerStore.open(dir)) {
      assertThat(store.treeSize()).isEqualTo(2);
      assertThat(store.applied()).isEqualTo(new AppliedIndex(1, 7));
      assertThat(store.record(1)).hasValueSatisfying(r -> assertThat(r).isEqualTo(bytes("b")));
      assertThat(store.record(2)).isEmpty();
      assertThat(store.indexOfEntry(id(2))).hasValue(1);
      assertThat(store.indexOfEntry(id(3))).isEmpty();
      assertThat(store.records(0, 10)).hasSize(2);
      assertThat(store.subtree(0, 0)).hasSize(32);
      assertThat(store.subtree(0, 1)).isNull();
      assertThat(store.state()).hasValueSatisfying(s -> assertThat(s).isEqualTo(bytes("state-1")));
      assertThat(store.latestCheckpoint())
          .hasValueSatisfying(c -> assertThat(c.treeSize()).isEqualTo(2));
    }
  }

  @Test
  void aPageOfLargeRecordsStopsAtItsByteLimitButHoldsAtLeastOneRecord() {
    try (LedgerStore store = LedgerStore.open(dir)) {
      LedgerBatch batch = new LedgerBatch(0);
      for (int i = 0; i < 40; i++) {
        batch.addRecord(new byte[256 * 1024], id(i));
      }
      batch.applied(new AppliedIndex(1, 1));
      store.commit(batch);

      assertThat(store.records(0, 1000, 2L * 1024 * 1024)).hasSize(8);
      assertThat(store.records(35, 1000, 2L * 1024 * 1024)).hasSize(5);
      assertThat(store.records(3, 1000, 1)).hasSize(1);
      assertThat(store.records(0, 1000)).hasSize(40);
    }
  }

  @Test
  void aBatchThatDoesNotStartAtTheTreeSizeIsRefusedAndChangesNothing() {
    try (LedgerStore store = LedgerStore.open(dir)) {
      LedgerBatch gap = new LedgerBatch(5);
      gap.addRecord(bytes("x"), id(9));
      assertThatThrownBy(() -> store.commit(gap))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("batch starts at index 5 but the ledger holds 0");
      assertThat(store.treeSize()).isZero();
      assertThat(store.record(5)).isEmpty();
      assertThat(store.indexOfEntry(id(9))).as("the record's id is not indexed either").isEmpty();
    }
  }

  @Test
  void aSecondProcessCannotOpenAStoreInUse() {
    try (LedgerStore store = LedgerStore.open(dir)) {
      assertThatThrownBy(() -> LedgerStore.open(dir))
          .isInstanceOf(StoreException.class)
          .extracting(e -> ((StoreException) e).code())
          .isEqualTo("STORE_UNAVAILABLE");
    }
  }

  /** A made-up 32-byte entry id. */
  private static byte[] id(int n) {
    byte[] id = new byte[32];
    id[31] = (byte) n;
    id[0] = 7;
    return id;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
