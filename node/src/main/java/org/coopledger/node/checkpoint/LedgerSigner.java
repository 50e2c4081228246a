package org.coopledger.node.checkpoint;

import java.util.Optional;
import java.util.function.LongFunction;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.Receipt;
import org.coopledger.governance.checkpoint.SignedReceipt;
import org.coopledger.governance.merkle.Hash;

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
   * The signed receipt for the record at {@code index} whose leaf hash is {@code leafHash}: the
   * node's promise that it holds exactly that record there, accepted at {@code acceptedAtMillis}
   * (the time the record carries). The caller takes both from applying the record, so that
   * acknowledging an entry reads nothing back from the store.
   *
   * @throws IllegalStateException before the genesis entry is in the ledger (no record is
   *     acknowledged before it)
   */
  public String receipt(long index, Hash leafHash, long acceptedAtMillis) {
    NoteSigner log =
        current()
            .orElseThrow(() -> new IllegalStateException("no receipt before the genesis entry"));
    return SignedReceipt.sign(new Receipt(log.name(), index, leafHash, acceptedAtMillis), log)
        .text();
  }
}
