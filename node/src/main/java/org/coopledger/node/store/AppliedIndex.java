package org.coopledger.node.store;

import java.nio.ByteBuffer;

/**
 * The Raft log position (term and index) whose effects are the last ones in the store. Written in
 * the same batch as those effects, so on restart the write path knows exactly which log entries it
 * must not apply a second time.
 */
public record AppliedIndex(long term, long index) {
  /** Nothing applied yet (Ratis numbers its log from 0). */
  public static final AppliedIndex NONE = new AppliedIndex(0, -1);

  public AppliedIndex {
    if (term < 0 || index < -1) {
      throw new IllegalArgumentException("invalid Raft position " + term + ":" + index);
    }
  }

  byte[] encode() {
    return ByteBuffer.allocate(16).putLong(term).putLong(index).array();
  }

  static AppliedIndex decode(byte[] bytes) {
    if (bytes == null) {
      return NONE;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new AppliedIndex(buffer.getLong(), buffer.getLong());
  }

  @Override
  public String toString() {
    return "(t:" + term + ", i:" + index + ")";
  }
}
