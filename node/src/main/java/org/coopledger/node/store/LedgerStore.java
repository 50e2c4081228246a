package org.coopledger.node.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB store of one node. Thread-safe: any number of readers, one writer (the Raft state
 * machine). A record below {@link #treeSize()} is always fully present with its hashes, because the
 * tree size is published only after its batch has been written (atomically) to the store.
 */
public final class LedgerStore implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private static final String[] FAMILIES = {
    "records", "tree", "checkpoints", "state", "meta", "entry_ids"
  };

  private final Path directory;
  private final DBOptions options;
  private final ColumnFamilyOptions familyOptions;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final ColumnFamilyHandle records;
  private final ColumnFamilyHandle tree;
  private final ColumnFamilyHandle checkpoints;
  private final ColumnFamilyHandle state;
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle entryIds;
  private final WriteOptions synced = new WriteOptions().setSync(true);
  private final WriteOptions unsynced = new WriteOptions().setSync(false);
  private final AtomicLong treeSize;
  private final AtomicLong entryIdsIndexed;

  private LedgerStore(Path directory) throws RocksDBException {
    this.directory = directory;
    this.options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    this.familyOptions = new ColumnFamilyOptions();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
    for (String name : FAMILIES) {
      descriptors.add(
          new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), familyOptions));
    }
    this.handles = new ArrayList<>();
    this.db = RocksDB.open(options, directory.toString(), descriptors, handles);
    this.records = handles.get(1);
    this.tree = handles.get(2);
    this.checkpoints = handles.get(3);
    this.state = handles.get(4);
    this.meta = handles.get(5);
    this.entryIds = handles.get(6);
    byte[] size = db.get(meta, StoreKeys.TREE_SIZE);
    this.treeSize = new AtomicLong(size == null ? 0 : StoreKeys.index(size));
    byte[] indexed = db.get(meta, StoreKeys.ENTRY_IDS);
    this.entryIdsIndexed = new AtomicLong(indexed == null ? 0 : StoreKeys.index(indexed));
  }

  /**
   * Opens (creating if needed) the store in {@code directory}.
   *
   * @throws StoreException with code {@code STORE_UNAVAILABLE} if RocksDB cannot open it (for
   *     example because another node process holds its lock)
   */
  public static LedgerStore open(Path directory) {
    try {
      Files.createDirectories(directory);
      return new LedgerStore(directory);
    } catch (IOException | RocksDBException e) {
      throw new StoreException(
          "STORE_UNAVAILABLE",
          "cannot open the ledger store in " + directory + ": " + e.getMessage(),
          e);
    }
  }

  /** Number of records in the ledger (the Merkle tree size). */
  public long treeSize() {
    return treeSize.get();
  }

  /** The Raft position whose effects were written last. */
  public AppliedIndex applied() {
    return AppliedIndex.decode(read(meta, StoreKeys.APPLIED, "the applied Raft index"));
  }

  /**
   * The tree size and the Raft position of the last write, read together from one RocksDB snapshot:
   * the store held exactly that many records when that log entry's effects were the last ones in
   * it. What a node that installs this store's content continues from.
   */
  public Position position() {
    Snapshot snapshot = db.getSnapshot();
    try (ReadOptions read = new ReadOptions().setSnapshot(snapshot)) {
      byte[] size = db.get(meta, read, StoreKeys.TREE_SIZE);
      byte[] applied = db.get(meta, read, StoreKeys.APPLIED);
      return new Position(size == null ? 0 : StoreKeys.index(size), AppliedIndex.decode(applied));
    } catch (RocksDBException e) {
      throw new StoreException(
          "STORE_READ_FAILED", "reading the tree size and applied index failed", e);
    } finally {
      db.releaseSnapshot(snapshot);
    }
  }

  /** A tree size and the Raft position whose effects were the last ones written with it. */
  public record Position(long treeSize, AppliedIndex applied) {}

  /** The record bytes (the exact Merkle leaf input) at {@code index}, if below the tree size. */
  public Optional<byte[]> record(long index) {
    if (index < 0 || index >= treeSize()) {
      return Optional.empty();
    }
    return Optional.ofNullable(read(records, StoreKeys.index(index), "record " + index));
  }

  /**
   * The index of the record whose entry has the id {@code entryId} (its 32 bytes), if the ledger
   * holds one below the tree size. An entry id is in the ledger at most once: a second record with
   * the same body would reuse its author's nonce, which the rules refuse.
   */
  public OptionalLong indexOfEntry(byte[] entryId) {
    byte[] index = read(entryIds, entryId, "the index of an entry id");
    if (index == null) {
      return OptionalLong.empty();
    }
    long at = StoreKeys.index(index);
    return at < treeSize() ? OptionalLong.of(at) : OptionalLong.empty();
  }

  /**
   * How many records, from the first, {@link #indexOfEntry} knows: the tree size, except in a store
   * written before entry ids were indexed, until {@link #indexEntries} has caught up.
   */
  public long entryIdsIndexed() {
    return entryIdsIndexed.get();
  }

  /**
   * Indexes the entry ids (32 bytes each) of the records from {@code start} on, in order, which
   * must continue {@link #entryIdsIndexed()}: how a store written before entry ids were indexed
   * catches up, once, when it is opened. Synced.
   */
  public void indexEntries(long start, List<byte[]> ids) {
    if (start != entryIdsIndexed() || start + ids.size() > treeSize()) {
      throw new StoreException(
          "STORE_ORDER",
          "entry ids from index "
              + start
              + " do not continue the "
              + entryIdsIndexed()
              + " indexed or exceed the tree size "
              + treeSize());
    }
    long end = start + ids.size();
    try (WriteBatch write = new WriteBatch()) {
      long index = start;
      for (byte[] id : ids) {
        write.put(entryIds, id, StoreKeys.index(index++));
      }
      write.put(meta, StoreKeys.ENTRY_IDS, StoreKeys.index(end));
      db.write(synced, write);
    } catch (RocksDBException e) {
      throw new StoreException(
          "STORE_WRITE_FAILED", "indexing the entry ids of records " + start + ".." + end, e);
    }
    entryIdsIndexed.set(end);
  }

  /** Records [start, start+limit) that exist, in order. */
  public List<byte[]> records(long start, int limit) {
    return records(start, limit, Long.MAX_VALUE);
  }

  /**
   * Records [start, start+limit) that exist, in order, stopping before the record that would take
   * their total size over {@code maxBytes}; the first record is always included (a record is at
   * most {@code EntryCodec.MAX_ENTRY_BYTES} plus a few bytes).
   */
  public List<byte[]> records(long start, int limit, long maxBytes) {
    long end = Math.min(treeSize(), start + limit);
    List<byte[]> out = new ArrayList<>();
    if (start >= end) {
      return out;
    }
    long bytes = 0;
    try (RocksIterator it = db.newIterator(records)) {
      for (it.seek(StoreKeys.index(start)); it.isValid(); it.next()) {
        long index = StoreKeys.index(it.key());
        if (index >= end) {
          break;
        }
        byte[] record = it.value();
        bytes += record.length;
        if (bytes > maxBytes && !out.isEmpty()) {
          break;
        }
        out.add(record);
      }
    }
    return out;
  }

  /**
   * The stored hash of the complete subtree at ({@code level}, {@code index}), or null if that
   * subtree is not (yet) complete.
   */
  public byte[] subtree(int level, long index) {
    return read(tree, StoreKeys.subtree(level, index), "subtree " + level + "/" + index);
  }

  /** The last committed encoding of the governance state, if any entry was ever applied. */
  public Optional<byte[]> state() {
    return Optional.ofNullable(read(state, StoreKeys.STATE, "the governance state"));
  }

  /**
   * Writes a batch atomically and durably (fsync) and then publishes the new tree size.
   *
   * @throws StoreException if the batch does not start at the current tree size or the write fails
   */
  public void commit(LedgerBatch batch) {
    write(batch, synced);
  }

  /**
   * Writes a batch atomically without waiting for the disk, then publishes the new tree size: for a
   * batch whose entries are already in a synced log that is replayed after a crash (the Raft log),
   * so that a group costs one fsync, not two. A crash of the machine may lose the newest such
   * batches (RocksDB recovers a prefix of its writes), which replaying the log then writes again;
   * {@link #sync()} makes them durable and must run before that log is truncated. A process that is
   * killed loses nothing (the writes are in the page cache).
   *
   * @throws StoreException if the batch does not start at the current tree size or the write fails
   */
  public void commitReplayable(LedgerBatch batch) {
    write(batch, unsynced);
  }

  /** Syncs every write made so far to the disk (RocksDB's write-ahead log). */
  public void sync() {
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      throw new StoreException(
          "STORE_WRITE_FAILED", "syncing the store in " + directory + " failed", e);
    }
  }

  private void write(LedgerBatch batch, WriteOptions options) {
    long size = treeSize();
    if (batch.firstIndex() != size) {
      throw new StoreException(
          "STORE_ORDER",
          "batch starts at index " + batch.firstIndex() + " but the ledger holds " + size);
    }
    // A store with unindexed records keeps its count until indexEntries has caught up.
    boolean indexed = entryIdsIndexed() == batch.firstIndex();
    try (WriteBatch write = new WriteBatch()) {
      long index = batch.firstIndex();
      for (LedgerBatch.IdentifiedRecord record : batch.records()) {
        write.put(entryIds, record.entryId(), StoreKeys.index(index));
        write.put(records, StoreKeys.index(index++), record.bytes());
      }
      for (LedgerBatch.SubtreeHash hash : batch.hashes()) {
        write.put(tree, StoreKeys.subtree(hash.level(), hash.index()), hash.hash());
      }
      if (batch.stateOrNull() != null) {
        write.put(state, StoreKeys.STATE, batch.stateOrNull());
      }
      write.put(meta, StoreKeys.TREE_SIZE, StoreKeys.index(batch.endIndex()));
      if (indexed) {
        write.put(meta, StoreKeys.ENTRY_IDS, StoreKeys.index(batch.endIndex()));
      }
      write.put(meta, StoreKeys.APPLIED, batch.applied().encode());
      db.write(options, write);
    } catch (RocksDBException e) {
      throw new StoreException(
          "STORE_WRITE_FAILED",
          "writing records "
              + batch.firstIndex()
              + ".."
              + batch.endIndex()
              + " failed: "
              + e.getMessage(),
          e);
    }
    treeSize.set(batch.endIndex());
    if (indexed) {
      entryIdsIndexed.set(batch.endIndex());
    }
  }

  /** Stores a signed checkpoint note for {@code size} (synced). */
  public void putCheckpoint(long size, String note) {
    try {
      db.put(checkpoints, synced, StoreKeys.index(size), note.getBytes(StandardCharsets.UTF_8));
    } catch (RocksDBException e) {
      throw new StoreException(
          "STORE_WRITE_FAILED", "writing the checkpoint at size " + size + " failed", e);
    }
  }

  /** The checkpoint note with the largest tree size, if any. */
  public Optional<StoredCheckpoint> latestCheckpoint() {
    try (RocksIterator it = db.newIterator(checkpoints)) {
      it.seekToLast();
      if (!it.isValid()) {
        return Optional.empty();
      }
      return Optional.of(
          new StoredCheckpoint(
              StoreKeys.index(it.key()), new String(it.value(), StandardCharsets.UTF_8)));
    }
  }

  /** The checkpoint note stored for exactly {@code size}, if any. */
  public Optional<StoredCheckpoint> checkpoint(long size) {
    byte[] note = read(checkpoints, StoreKeys.index(size), "checkpoint " + size);
    return Optional.ofNullable(note)
        .map(n -> new StoredCheckpoint(size, new String(n, StandardCharsets.UTF_8)));
  }

  /** A checkpoint note as stored, with the tree size it covers. */
  public record StoredCheckpoint(long treeSize, String note) {}

  public Path directory() {
    return directory;
  }

  private byte[] read(ColumnFamilyHandle family, byte[] key, String what) {
    try {
      return db.get(family, key);
    } catch (RocksDBException e) {
      throw new StoreException(
          "STORE_READ_FAILED", "reading " + what + " from " + directory + " failed", e);
    }
  }

  @Override
  public void close() {
    synced.close();
    unsynced.close();
    for (ColumnFamilyHandle handle : handles) {
      handle.close();
    }
    db.close();
    options.close();
    familyOptions.close();
  }
}
