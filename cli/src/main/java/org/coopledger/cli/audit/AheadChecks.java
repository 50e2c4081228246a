package org.coopledger.cli.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.engine.SignatureVerifier;

/**
 * Verifies the signatures of ledger records on every core, a window of records ahead of a replay
 * that takes them one at a time, in order. As the replay's {@link SignatureVerifier} it skips
 * exactly the (key, message, signature) triples verified ahead for the record it handed out last,
 * byte for byte, and verifies anything else itself: the replay's outcome is the one of verifying
 * everything in turn (a key id is the hash of its key, so a triple that verified once verifies
 * always).
 *
 * <p>Keys are learned from the records themselves (founders, rotated keys, keys proposed for new or
 * recovered members), by whichever worker decodes them first; a signature whose key is not known
 * yet is left to the replay. Memory: the window, whatever the ledger's length. One consumer thread.
 */
final class AheadChecks implements Iterator<byte[]>, SignatureVerifier, AutoCloseable {
  private record Verified(PublicKey key, byte[] message, byte[] signature) {
    boolean covers(PublicKey k, byte[] m, byte[] s) {
      return key.equals(k) && Arrays.equals(signature, s) && Arrays.equals(message, m);
    }
  }

  private record Ahead(byte[] record, CompletableFuture<List<Verified>> verified) {}

  private final Iterator<byte[]> records;
  private final int window;
  private final ExecutorService workers;
  private final Map<KeyId, PublicKey> keys = new ConcurrentHashMap<>();
  private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();
  private List<Verified> current = List.of();

  /**
   * @param records the ledger records in order (pulled on the consumer's thread)
   * @param window how many records may be read and checked ahead of the replay
   * @param threads how many threads verify
   */
  AheadChecks(Iterator<byte[]> records, int window, int threads) {
    this.records = records;
    this.window = window;
    this.workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "audit-verify");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public boolean hasNext() {
    return !ahead.isEmpty() || records.hasNext();
  }

  @Override
  public byte[] next() {
    fill();
    Ahead head = ahead.poll();
    if (head == null) {
      throw new NoSuchElementException();
    }
    current = head.verified().join();
    fill();
    return head.record();
  }

  private void fill() {
    while (ahead.size() < window && records.hasNext()) {
      byte[] record = records.next();
      ahead.add(new Ahead(record, CompletableFuture.supplyAsync(() -> check(record), workers)));
    }
  }

  /** The signatures of {@code record} that verify with a key known now; never throws. */
  private List<Verified> check(byte[] record) {
    DecodedEntry decoded;
    try {
      decoded = EntryCodec.decode(AcceptedEntry.fromBytes(record).signedEntry());
    } catch (RuntimeException e) { // CoopException and what a malformed record throws
      return List.of(); // the replay rejects it, with its code
    }
    learnKeys(decoded);
    byte[] message = decoded.signingBytes();
    List<Verified> verified = new ArrayList<>(decoded.signatures().size());
    for (EntrySignature signature : decoded.signatures()) {
      PublicKey key = keys.get(signature.keyId());
      if (key == null) {
        continue;
      }
      try {
        SignatureVerifier.CRYPTO.verify(key, message, signature.signature());
        verified.add(new Verified(key, message, signature.signature()));
      } catch (RuntimeException e) { // CoopException and what a malformed record throws
        // left to the replay, which rejects the record with its code
      }
    }
    return verified;
  }

  private void learnKeys(DecodedEntry decoded) {
    switch (decoded.entry().action()) {
      case Genesis g -> g.founders().forEach(f -> learn(f.publicKey()));
      case RotateKey r -> learn(r.newKey());
      case CreateProposal p -> {
        switch (p.governed()) {
          case Governed.AdmitMember a -> learn(a.member().publicKey());
          case Governed.RecoverKey r -> learn(r.newKey());
          default -> {}
        }
      }
      default -> {}
    }
  }

  private void learn(PublicKey key) {
    keys.putIfAbsent(key.id(), key);
  }

  @Override
  public void verify(PublicKey key, byte[] message, byte[] signature) {
    for (Verified v : current) {
      if (v.covers(key, message, signature)) {
        return;
      }
    }
    SignatureVerifier.CRYPTO.verify(key, message, signature);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
