package org.coopledger.node.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one applied Raft log entry changes: the accepted records (appended at {@code
 * firstIndex}) with their entry ids (indexed in the same write, so that {@link
 * LedgerStore#indexOfEntry} knows every record the store holds), the complete-subtree hashes they
 * produce, the new governance state and the Raft position. {@link LedgerStore#commit} writes it
 * atomically. Built by one thread, then handed over.
 */
public final class LedgerBatch {
  private final long firstIndex;
  private final List<IdentifiedRecord> records = new ArrayList<>();
  private final List<SubtreeHash> hashes = new ArrayList<>();
  private byte[] state;
  private AppliedIndex applied = AppliedIndex.NONE;

  /**
   * A stored complete-subtree hash: RFC 9162 node covering leaves [index*2^level,
   * (index+1)*2^level).
   */
  public record SubtreeHash(int level, long index, byte[] hash) {
    public SubtreeHash {
      if (level < 0 || level > 63 || index < 0 || hash == null || hash.length != 32) {
        throw new IllegalArgumentException(
            "invalid subtree hash at level " + level + " index " + index);
      }
      hash = hash.clone();
    }

    @Override
    public byte[] hash() {
      return hash.clone();
    }
  }

  public LedgerBatch(long firstIndex) {
    if (firstIndex < 0) {
      throw new IllegalArgumentException("negative first index " + firstIndex);
    }
    this.firstIndex = firstIndex;
  }

  /** A record to append and the 32-byte id of the entry it holds. */
  record IdentifiedRecord(byte[] bytes, byte[] entryId) {}

  /**
   * Appends a record holding the entry whose id is {@code entryId} (32 bytes); returns its ledger
   * index.
   */
  public long addRecord(byte[] recordBytes, byte[] entryId) {
    if (entryId == null || entryId.length != 32) {
      throw new IllegalArgumentException("an entry id is 32 bytes");
    }
    records.add(new IdentifiedRecord(recordBytes.clone(), entryId.clone()));
    return firstIndex + records.size() - 1;
  }

  public void addHash(int level, long index, byte[] hash) {
    hashes.add(new SubtreeHash(level, index, hash));
  }

  public void state(byte[] encodedState) {
    this.state = encodedState.clone();
  }

  public void applied(AppliedIndex position) {
    this.applied = position;
  }

  public long firstIndex() {
    return firstIndex;
  }

  /** The tree size once this batch is committed. */
  public long endIndex() {
    return firstIndex + records.size();
  }

  List<IdentifiedRecord> records() {
    return records;
  }

  List<SubtreeHash> hashes() {
    return hashes;
  }

  byte[] stateOrNull() {
    return state;
  }

  AppliedIndex applied() {
    return applied;
  }
}
