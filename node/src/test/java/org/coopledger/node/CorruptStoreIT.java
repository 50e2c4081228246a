package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.api.client.NodeClient;
import org.coopledger.governance.action.Governed;
import org.coopledger.node.store.StoreException;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/** A node refuses to serve a ledger whose store does not add up, and says what is wrong. */
class CorruptStoreIT {
  @TempDir Path data;

  @Test
  void refusesARecordThatNoLongerHashesToItsLeaf() throws Exception {
    writeLedger(5);
    tamper(db -> db.put(family("records"), index(3), "tampered".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> CoopNode.start(config()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("record 3 does not hash to its stored leaf hash")
        .extracting(e -> ((StoreException) e).code())
        .isEqualTo("STORE_CORRUPT");
  }

  @Test
  void refusesATreeThatDisagreesWithTheLastCheckpoint() throws Exception {
    writeLedger(4);
    // Level 2, index 0 is the root of the first four leaves: the checkpoint's root at size 4.
    tamper(db -> db.put(family("tree"), subtree(2, 0), new byte[32]));
    assertThatThrownBy(() -> CoopNode.start(config()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("but the checkpoint signed");
  }

  @Test
  void refusesAStoreThatLostAcknowledgedRecords() throws Exception {
    writeLedger(4);
    tamper(db -> db.put(family("meta"), "tree_size".getBytes(StandardCharsets.UTF_8), index(2)));
    assertThatThrownBy(() -> CoopNode.start(config()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the last checkpoint covers 4 records but the store holds only 2");
  }

  @Test
  void servesAnIntactStoreAfterTheCheck() {
    writeLedger(3);
    try (CoopNode node = CoopNode.start(config())) {
      assertThat(node.treeSize()).isEqualTo(3);
    }
  }

  private NodeConfig config() {
    return NodeConfig.defaults()
        .withDataDir(data)
        .withPort(0)
        .withCoopId("demo-coop")
        .withCheckpoints(1, 10);
  }

  /** Writes {@code count} entries and stops once the checkpoint covers all of them. */
  private void writeLedger(int count) {
    CoopFixture coop = CoopFixture.demoLive();
    try (CoopNode node = CoopNode.start(config())) {
      NodeClient api = NodeClient.of(node.uri());
      assertThat(api.postEntry(coop.genesis()).status()).isEqualTo(201);
      for (int i = 1; i < count; i++) {
        assertThat(api.postEntry(coop.propose("alice", "p" + i, new Governed.Decision())).status())
            .isEqualTo(201);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (api.getJson("/v1/node").get("checkpointSize").asLong() < count) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
  }

  private interface Tamper {
    void apply(RocksDB db) throws Exception;
  }

  private List<ColumnFamilyHandle> handles;

  /** The store's column families, in the order LedgerStore opens them. */
  private static final List<String> FAMILIES =
      List.of("default", "records", "tree", "checkpoints", "state", "meta", "entry_ids");

  private ColumnFamilyHandle family(String name) {
    return handles.get(FAMILIES.indexOf(name));
  }

  private void tamper(Tamper tamper) throws Exception {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (String name : FAMILIES) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
    }
    handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db =
            RocksDB.open(options, data.resolve("ledger").toString(), descriptors, handles)) {
      tamper.apply(db);
      handles.forEach(ColumnFamilyHandle::close);
    }
  }

  private static byte[] index(long index) {
    return ByteBuffer.allocate(8).putLong(index).array();
  }

  private static byte[] subtree(int level, long index) {
    return ByteBuffer.allocate(9).put((byte) level).putLong(index).array();
  }
}
