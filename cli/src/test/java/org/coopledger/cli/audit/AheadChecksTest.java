package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.Replay;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/** The audit's ahead-of-replay signature checks give the outcome of checking every signature. */
class AheadChecksTest {
  /** A small ledger: founded, a key rotated (a key learned mid-ledger), a decision voted on. */
  private static List<byte[]> ledger() {
    CoopFixture coop = CoopFixture.demo();
    List<byte[]> records = new ArrayList<>();
    add(records, coop, coop.genesis());
    add(records, coop, coop.rotateKey("bob"));
    byte[] decision = coop.propose("carol", "Tour in May", new Governed.Decision());
    add(records, coop, decision);
    EntryId id = CoopFixture.idOf(decision);
    for (String member : List.of("alice", "bob", "carol", "tess")) {
      add(records, coop, coop.vote(member, id, VoteChoice.YES));
    }
    return records;
  }

  private static void add(List<byte[]> out, CoopFixture coop, byte[] signedEntry) {
    out.add(new AcceptedEntry(signedEntry, coop.clock()).toBytes());
  }

  private static CoopState replayAhead(List<byte[]> records, int window) {
    try (AheadChecks ahead = new AheadChecks(records.iterator(), window, 2)) {
      return Replay.acceptedLedger(ahead, ahead);
    }
  }

  @Test
  void theReplayEndsInTheStateOfCheckingEverySignatureInTurn() {
    List<byte[]> records = ledger();
    byte[] expected = Replay.acceptedLedger(records.iterator(), SignatureVerifier.CRYPTO).digest();
    for (int window : new int[] {1, 2, 3, 100}) {
      assertThat(replayAhead(records, window).digest()).as("window %d", window).isEqualTo(expected);
    }
  }

  @Test
  void aTripleCheckedAheadDoesNotPassAChangedMessageSignatureOrKey() {
    List<byte[]> records = ledger();
    CoopFixture other = CoopFixture.demo();
    try (AheadChecks ahead = new AheadChecks(records.iterator(), 4, 2)) {
      ahead.next(); // the genesis: its founders' signatures were verified ahead
      DecodedEntry genesis =
          EntryCodec.decode(AcceptedEntry.fromBytes(records.get(0)).signedEntry());
      byte[] message = genesis.signingBytes();
      var signature = genesis.signatures().get(0);
      PublicKey key = other.key("alice").publicKey();
      assertThat(key.id()).isEqualTo(signature.keyId());
      byte[] sig = signature.signature();

      ahead.verify(key, message, sig); // the cached triple

      byte[] changedMessage = Arrays.copyOf(message, message.length);
      changedMessage[changedMessage.length - 1] ^= 1;
      assertThatThrownBy(() -> ahead.verify(key, changedMessage, sig))
          .isInstanceOf(VerificationException.class);
      byte[] changedSignature = sig.clone();
      changedSignature[0] ^= 1;
      assertThatThrownBy(() -> ahead.verify(key, message, changedSignature))
          .isInstanceOf(VerificationException.class);
      PublicKey otherKey = other.key("bob").publicKey();
      assertThatThrownBy(() -> ahead.verify(otherKey, message, sig))
          .isInstanceOf(VerificationException.class);
    }
  }

  @Test
  void aRecordWithABadSignatureIsLeftToTheReplayWhichRejectsIt() {
    List<byte[]> records = new ArrayList<>(ledger());
    AcceptedEntry vote = AcceptedEntry.fromBytes(records.get(4));
    byte[] signed = vote.signedEntry();
    signed[signed.length - 1] ^= 1; // the last byte of the last signature
    records.set(4, new AcceptedEntry(signed, vote.acceptedAtMillis()).toBytes());
    assertThatThrownBy(() -> replayAhead(records, 8))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("entry #4")
        .hasMessageContaining("BAD_SIGNATURE");
  }

  @Test
  void aMalformedRecordIsLeftToTheReplayWhichRejectsIt() {
    List<byte[]> records = new ArrayList<>(ledger());
    records.set(3, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> replayAhead(records, 8))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("entry #3");
  }

  @Test
  void itReadsNoMoreThanItsWindowAheadOfTheReplay() {
    List<byte[]> records = ledger();
    AtomicInteger pulled = new AtomicInteger();
    Iterator<byte[]> counting =
        new Iterator<>() {
          private final Iterator<byte[]> inner = records.iterator();

          @Override
          public boolean hasNext() {
            return inner.hasNext();
          }

          @Override
          public byte[] next() {
            pulled.incrementAndGet();
            return inner.next();
          }
        };
    try (AheadChecks ahead = new AheadChecks(counting, 2, 2)) {
      for (int taken = 1; taken <= records.size(); taken++) {
        ahead.next();
        assertThat(pulled.get()).isLessThanOrEqualTo(taken + 2);
      }
      assertThat(ahead.hasNext()).isFalse();
    }
  }
}
