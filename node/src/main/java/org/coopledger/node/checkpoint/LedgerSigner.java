package org.coopledger.node.checkpoint;

import java.util.Optional;
import java.util.function.LongFunction;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.Receipt;
import org.coopledger.governance.checkpoint.SignedReceipt;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * The node key named after the ledger it signs for: the origin derived from the genesis entry
 * ({@link LedgerOrigin}). Until the genesis entry is in the ledger, the ledger has no identity and
 * the node signs nothing. Thread-safe.
 */
public final class LedgerSigner {
  private final org.coopledger.governance.crypto.SigningKey key;
  private final LongFunction<Optional<byte[]>> records;
  private volatile NoteSigner signer;

  /**
   * @param key the node key
   * @param records the ledger's records by index ({@code LedgerRecord} bytes); record 0 is the
   *     genesis entry once there is one
   */
  public LedgerSigner(
      org.coopledger.governance.crypto.SigningKey key, LongFunction<Optional<byte[]>> records) {
    this.key = key;
    this.records = records;
  }

  /** The signer under the ledger's origin, or empty before the genesis entry is in the ledger. */
  public Optional<NoteSigner> current() {
    NoteSigner known = signer;
    if (known == null) {
      known =
          records
              .apply(0)
              .map(genesis -> NoteSigner.of(LedgerOrigin.ofGenesisRecord(genesis), key))
              .orElse(null);
      signer = known;
    }
    return Optional.ofNullable(known);
  }

  /** The ledger's origin, once founded. */
  public Optional<String> origin() {
    return current().map(NoteSigner::name);
  }

  /** The verifier key auditors pin, once founded. */
  public Optional<String> verifierKey() {
    return current().map(s -> s.verifier().vkey());
  }

  /**
   * The signed receipt for the record at {@code index}: the node's promise that it holds exactly
   * these bytes there, accepted at the time they carry.
   *
   * @throws IllegalStateException before the genesis entry is in the ledger (no record is
   *     acknowledged before it)
   */
  public String receipt(long index, byte[] ledgerRecord) {
    NoteSigner log =
        current()
            .orElseThrow(() -> new IllegalStateException("no receipt before the genesis entry"));
    Receipt receipt =
        new Receipt(
            log.name(),
            index,
            TreeHasher.leafHash(ledgerRecord),
            AcceptedEntry.fromBytes(ledgerRecord).acceptedAtMillis());
    return SignedReceipt.sign(receipt, log).text();
  }
}
