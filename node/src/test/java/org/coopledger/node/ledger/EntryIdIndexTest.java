package org.coopledger.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/**
 * The store's index of entry ids, by which apply recognises a copy of an entry the ledger holds: a
 * store written before there was one is indexed when it is opened, so that a copy of one of its old
 * entries is answered like a copy of a new one.
 */
class EntryIdIndexTest {
  @TempDir Path dir;

  private final CoopFixture coop = CoopFixture.demo();

  @Test
  void aStoreWrittenWithoutTheIndexIsIndexedWhenOpenedAndKnowsItsOldEntries() throws Exception {
    byte[] genesis = coop.genesis();
    byte[] proposal = coop.propose("alice", "old", new Governed.Decision());
    try (LedgerStore store = LedgerStore.open(dir)) {
      Ledger ledger = Ledger.open(store);
      commit(store, ledger, List.of(genesis, proposal), CoopFixture.DEMO_START + 60_000);
      assertThat(store.entryIdsIndexed()).isEqualTo(2);
    }
    forgetTheIndex();

    try (LedgerStore store = LedgerStore.open(dir)) {
      assertThat(store.entryIdsIndexed()).isZero();
      Ledger ledger = Ledger.open(store);
      assertThat(store.entryIdsIndexed()).isEqualTo(2);

      List<RecordResult> results =
          commit(store, ledger, List.of(proposal), CoopFixture.DEMO_START + 90_000);

      assertThat(results)
          .singleElement()
          .isInstanceOfSatisfying(
              RecordResult.Accepted.class,
              a -> {
                assertThat(a.duplicate()).isTrue();
                assertThat(a.index()).isEqualTo(1);
                assertThat(a.acceptedAtMillis()).isEqualTo(CoopFixture.DEMO_START + 60_000);
              });
      assertThat(store.treeSize()).isEqualTo(2);
    }
  }

  /** What a store written by a node without the index looks like: no family, no count. */
  private void forgetTheIndex() throws Exception {
    List<ColumnFamilyDescriptor> families = new ArrayList<>();
    families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
    for (String name : List.of("records", "tree", "checkpoints", "state", "meta", "entry_ids")) {
      families.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.open(options, dir.toString(), families, handles)) {
      db.delete(handles.get(5), "entry_ids_size".getBytes(StandardCharsets.UTF_8));
      db.dropColumnFamily(handles.get(6));
      handles.forEach(ColumnFamilyHandle::close);
    }
  }

  private static List<RecordResult> commit(
      LedgerStore store, Ledger ledger, List<byte[]> entries, long acceptedAt) {
    List<NewRecord> records = new ArrayList<>();
    for (byte[] entry : entries) {
      records.add(NewRecord.replicated(new AcceptedEntry(entry, acceptedAt).toBytes()));
    }
    LedgerBatch batch = new LedgerBatch(store.treeSize());
    Ledger.Applied applied = ledger.apply(records, batch);
    batch.applied(new AppliedIndex(1, store.treeSize() + 1));
    store.commit(batch);
    applied.publish();
    return applied.results();
  }
}
