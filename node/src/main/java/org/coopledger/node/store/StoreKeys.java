package org.coopledger.node.store;

import java.nio.ByteBuffer;

/**
 * Byte layout of keys. Big-endian numbers so that RocksDB's byte order is numeric order and records
 * can be scanned by range.
 */
final class StoreKeys {
  static final byte[] TREE_SIZE = "tree_size".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final byte[] APPLIED = "applied".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final byte[] STATE = "coop".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** How many records, from index 0, have their entry ids in the {@code entry_ids} family. */
  static final byte[] ENTRY_IDS =
      "entry_ids_size".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private StoreKeys() {}

  static byte[] index(long index) {
    return ByteBuffer.allocate(8).putLong(index).array();
  }

  static long index(byte[] key) {
    return ByteBuffer.wrap(key).getLong();
  }

  static byte[] subtree(int level, long index) {
    return ByteBuffer.allocate(9).put((byte) level).putLong(index).array();
  }
}
