package org.coopledger.governance.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import org.coopledger.governance.proto.LedgerRecord;

/**
 * A signed entry as the ledger accepted it, with the acceptance time: the only time the state
 * machine ever looks at. {@link #toBytes()} is the Merkle leaf's content ({@code LedgerRecord}).
 */
public final class AcceptedEntry {
  private final byte[] signedEntry;
  private final long acceptedAtMillis;

  public AcceptedEntry(byte[] signedEntry, long acceptedAtMillis) {
    if (signedEntry == null) {
      throw new IllegalArgumentException("signed entry bytes are missing");
    }
    this.signedEntry = signedEntry.clone();
    this.acceptedAtMillis = acceptedAtMillis;
  }

  /** A copy of the signed entry's bytes as submitted. */
  public byte[] signedEntry() {
    return signedEntry.clone();
  }

  public long acceptedAtMillis() {
    return acceptedAtMillis;
  }

  /** The canonical {@code LedgerRecord} encoding. */
  public byte[] toBytes() {
    return LedgerRecord.newBuilder()
        .setSignedEntry(ByteString.copyFrom(signedEntry))
        .setAcceptedAtMillis(acceptedAtMillis)
        .build()
        .toByteArray();
  }

  /**
   * Reads a {@code LedgerRecord}.
   *
   * @throws MalformedEntryException if the bytes are not its canonical encoding
   */
  public static AcceptedEntry fromBytes(byte[] bytes) {
    LedgerRecord record;
    try {
      record = LedgerRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedEntryException("not a ledger record: " + e.getMessage(), e);
    }
    EntryCodec.requireCanonical(record, bytes, "ledger record");
    return new AcceptedEntry(record.getSignedEntry().toByteArray(), record.getAcceptedAtMillis());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AcceptedEntry other
        && acceptedAtMillis == other.acceptedAtMillis
        && Arrays.equals(signedEntry, other.signedEntry);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(signedEntry) + Long.hashCode(acceptedAtMillis);
  }

  @Override
  public String toString() {
    return "accepted entry (" + signedEntry.length + " bytes at " + acceptedAtMillis + ")";
  }
}
