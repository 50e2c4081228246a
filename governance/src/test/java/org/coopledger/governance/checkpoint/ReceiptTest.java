package org.coopledger.governance.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopledger.governance.checkpoint.Rejections.assertRejected;

import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.TreeHasher;
import org.junit.jupiter.api.Test;

class ReceiptTest {
  private static final String ORIGIN = "coopledger/bakery/0123456789abcdef";
  private static final Hash LEAF = TreeHasher.leafHash(new byte[] {1, 2, 3});
  private final NoteSigner log = NoteSigner.of(ORIGIN, SigningKey.generate());

  @Test
  void bodyIsTheHeaderOriginIndexLeafHashAndAcceptedTimeEachOnItsOwnLine() {
    Receipt receipt = new Receipt(ORIGIN, 42, LEAF, 1_700_000_000_123L);

    assertThat(receipt.body())
        .isEqualTo(
            "coopledger/receipt/v1\n" + ORIGIN + "\n42\n" + LEAF.base64() + "\n1700000000123\n");
    assertThat(Receipt.parse(receipt.body())).isEqualTo(receipt);
  }

  @Test
  void aSignedReceiptVerifiesWithTheLogKeyAndIsAPlainSignedNote() {
    Receipt receipt = new Receipt(ORIGIN, 7, LEAF, 5);
    String text = SignedReceipt.sign(receipt, log).text();

    assertThat(SignedReceipt.verify(text, log.verifier()).receipt()).isEqualTo(receipt);
    assertThat(text).startsWith(receipt.body() + "\n\u2014 " + ORIGIN + " ");
  }

  @Test
  void aReceiptWithAnyLineChangedDoesNotVerify() {
    String text = SignedReceipt.sign(new Receipt(ORIGIN, 7, LEAF, 5), log).text();
    String moved = text.replace("\n7\n", "\n8\n");
    String backdated = text.replace("\n5\n", "\n4\n");

    assertRejected(() -> SignedReceipt.verify(moved, log.verifier()), "BAD_NOTE_SIGNATURE", ORIGIN);
    assertRejected(
        () -> SignedReceipt.verify(backdated, log.verifier()), "BAD_NOTE_SIGNATURE", ORIGIN);
  }

  @Test
  void aReceiptByAnotherKeyIsRefused() {
    NoteSigner other = NoteSigner.of(ORIGIN, SigningKey.generate());
    String text = SignedReceipt.sign(new Receipt(ORIGIN, 7, LEAF, 5), other).text();

    assertRejected(() -> SignedReceipt.verify(text, log.verifier()), "UNKNOWN_KEY", ORIGIN);
  }

  @Test
  void aReceiptForAnotherLedgerIsRefusedEvenIfTheKeyIsTheSame() {
    SigningKey key = SigningKey.generate();
    NoteSigner forOther = NoteSigner.of("coopledger/bakery/ffffffffffffffff", key);
    String text = SignedReceipt.sign(new Receipt(forOther.name(), 7, LEAF, 5), forOther).text();

    // Same key under the pinned ledger's name: the signature is over another name's key hash,
    // and even a valid one would not name this ledger.
    assertRejected(
        () -> SignedReceipt.verify(text, NoteSigner.of(ORIGIN, key).verifier()),
        "UNKNOWN_KEY",
        ORIGIN);
  }

  @Test
  void aReceiptIsNeverACheckpointOfTheSameKeyNorTheOtherWayRound() {
    String receipt = SignedReceipt.sign(new Receipt(ORIGIN, 7, LEAF, 5), log).text();
    String checkpoint =
        new String(
            SignedCheckpoint.sign(new Checkpoint(ORIGIN, 8, LEAF.bytes()), log).bytes(),
            java.nio.charset.StandardCharsets.UTF_8);

    assertRejected(
        () ->
            SignedCheckpoint.verify(
                receipt.getBytes(java.nio.charset.StandardCharsets.UTF_8), log.verifier()),
        "MALFORMED_CHECKPOINT",
        "line 2");
    assertRejected(
        () -> SignedReceipt.verify(checkpoint, log.verifier()), "MALFORMED_RECEIPT", "5 lines");
  }

  @Test
  void malformedReceiptsAreNamed() {
    String leaf = LEAF.base64();
    assertRejected(
        () -> Receipt.parse("coopledger/receipt/v2\n" + ORIGIN + "\n1\n" + leaf + "\n5\n"),
        "MALFORMED_RECEIPT",
        "line 1");
    assertRejected(
        () -> Receipt.parse("coopledger/receipt/v1\n" + ORIGIN + "\n01\n" + leaf + "\n5\n"),
        "MALFORMED_RECEIPT",
        "line 3");
    assertRejected(
        () -> Receipt.parse("coopledger/receipt/v1\n" + ORIGIN + "\n-1\n" + leaf + "\n5\n"),
        "MALFORMED_RECEIPT",
        "negative");
    assertRejected(
        () -> Receipt.parse("coopledger/receipt/v1\n" + ORIGIN + "\n1\nAAAA\n5\n"),
        "MALFORMED_RECEIPT",
        "line 4");
    assertRejected(
        () -> Receipt.parse("coopledger/receipt/v1\n" + ORIGIN + "\n1\n" + leaf + "\n5"),
        "MALFORMED_RECEIPT",
        "newline");
  }
}
