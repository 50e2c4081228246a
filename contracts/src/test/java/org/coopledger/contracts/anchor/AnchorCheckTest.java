package org.coopledger.contracts.anchor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.junit.jupiter.api.Test;

class AnchorCheckTest {
  private static final LedgerId LEDGER =
      LedgerId.of(EthAddress.parse("0x" + "11".repeat(20)), LedgerId.nameOf("c"));

  @Test
  void aCheckpointThatExtendsTheAnchoredOnePasses() {
    InMemoryHashSource log = log("a", "b", "c", "d", "e");
    Anchor anchored = anchor(3, log.root(3));

    assertThatCode(
            () ->
                AnchorCheck.verify(
                    anchored, checkpoint(5, log.root(5)), log.consistencyProof(3, 5).path()))
        .doesNotThrowAnyException();
    assertThatCode(() -> AnchorCheck.verify(anchored, checkpoint(3, log.root(3)), List.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void aRewrittenHistoryIsCaught() {
    InMemoryHashSource honest = log("a", "b", "c");
    InMemoryHashSource rewritten = log("a", "B", "c", "d");
    Anchor anchored = anchor(3, honest.root(3));

    assertThatThrownBy(
            () ->
                AnchorCheck.verify(
                    anchored,
                    checkpoint(4, rewritten.root(4)),
                    rewritten.consistencyProof(3, 4).path()))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.code())
                    .isEqualTo(AnchorCheck.HISTORY_REWRITTEN));
  }

  @Test
  void aNodeBehindTheAnchorIsCaught() {
    InMemoryHashSource log = log("a", "b", "c");
    Anchor anchored = anchor(3, log.root(3));

    assertThatThrownBy(() -> AnchorCheck.verify(anchored, checkpoint(2, log.root(2)), List.of()))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.code())
                    .isEqualTo(AnchorCheck.NODE_BEHIND_ANCHOR));
  }

  private static Anchor anchor(long size, Hash root) {
    return new Anchor(LEDGER, size, Bytes32.of(root.bytes()), 7, Bytes32.keccak256(new byte[] {1}));
  }

  private static Checkpoint checkpoint(long size, Hash root) {
    return new Checkpoint("coopledger.local/c", size, root.bytes());
  }

  private static InMemoryHashSource log(String... leaves) {
    List<byte[]> data = new ArrayList<>();
    for (String leaf : leaves) {
      data.add(leaf.getBytes(StandardCharsets.UTF_8));
    }
    return InMemoryHashSource.ofEntries(data);
  }
}
