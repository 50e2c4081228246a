package org.coopledger.contracts.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.devchain.DevChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CheckpointAnchor on a real Ganache: anchoring, its rules, and what it costs. */
class CheckpointAnchorIT {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static DevChain chain;
  private static AnchorClient admin;
  private static AnchorClient node;
  private static AnchorClient stranger;

  @BeforeAll
  static void startChain() {
    chain = DevChain.start();
    admin = new AnchorClient(chain.rpc(), chain.contract(), DevChain.account(1));
    node = new AnchorClient(chain.rpc(), chain.contract(), DevChain.account(2));
    stranger = new AnchorClient(chain.rpc(), chain.contract(), DevChain.account(3));
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void anAnchoredCheckpointCanBeReadBackWithItsTransaction() {
    LedgerId ledger = admin.register(freshName());
    Bytes32 root = root("first");

    AnchorReceipt receipt = admin.anchor(ledger, 5, root);

    Anchor latest = new AnchorReader(chain.rpc(), chain.contract()).latest(ledger).orElseThrow();
    assertThat(latest).isEqualTo(receipt.anchor());
    assertThat(latest.treeSize()).isEqualTo(5);
    assertThat(latest.rootHash()).isEqualTo(root);
    assertThat(admin.adminOf(ledger)).contains(admin.account());
  }

  @Test
  void aLedgerWithoutAnchorsReadsAsEmpty() {
    LedgerId ledger = admin.register(freshName());

    assertThat(admin.latest(ledger)).isEmpty();
    assertThat(admin.latest(LedgerId.of(stranger.account(), freshName()))).isEmpty();
  }

  @Test
  void theJavaLedgerIdIsTheOneTheContractAssigns() {
    Bytes32 name = freshName();

    admin.register(name);

    assertThat(admin.adminOf(LedgerId.of(admin.account(), name))).contains(admin.account());
    assertThat(admin.isAnchorer(LedgerId.of(admin.account(), name), admin.account())).isTrue();
  }

  @Test
  void aTreeSizeThatDoesNotGrowIsRejectedAndTheAnchorStays() {
    LedgerId ledger = admin.register(freshName());
    Anchor first = admin.anchor(ledger, 10, root("ten")).anchor();

    assertThatThrownBy(() -> admin.anchor(ledger, 10, root("rewritten ten")))
        .isInstanceOfSatisfying(
            AnchorException.class,
            e -> assertThat(e.code()).isEqualTo(AnchorException.TREE_SIZE_NOT_GROWING));
    assertThatThrownBy(() -> admin.anchor(ledger, 9, root("nine")))
        .isInstanceOfSatisfying(
            AnchorException.class,
            e -> assertThat(e.code()).isEqualTo(AnchorException.TREE_SIZE_NOT_GROWING));
    assertThat(admin.latest(ledger)).contains(first);
  }

  @Test
  void anAccountThatIsNotRegisteredCannotAnchor() {
    LedgerId ledger = admin.register(freshName());
    Anchor honest = admin.anchor(ledger, 3, root("honest")).anchor();

    assertThatThrownBy(() -> stranger.anchor(ledger, 4, root("forged")))
        .isInstanceOfSatisfying(
            AnchorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AnchorException.NOT_ANCHORER);
              assertThat(e.retryable()).isFalse();
            });
    assertThat(admin.latest(ledger)).contains(honest);
  }

  @Test
  void nobodyCanSquatOnOrBlockAnotherAdminsLedger() {
    Bytes32 name = freshName();
    // The attacker registers the co-op's name first: it only gets a ledger id of its own ...
    LedgerId squatted = stranger.register(name);
    LedgerId ledger = admin.register(name);
    assertThat(squatted).isNotEqualTo(ledger);
    // ... and filling its own ledger up to the largest size leaves the co-op's untouched.
    stranger.anchor(squatted, Long.MAX_VALUE, root("jam"));
    assertThatThrownBy(() -> stranger.setAnchorer(ledger, stranger.account(), true))
        .isInstanceOfSatisfying(
            AnchorException.class, e -> assertThat(e.code()).isEqualTo(AnchorException.NOT_ADMIN));

    AnchorReceipt receipt = admin.anchor(ledger, 1, root("one"));

    assertThat(admin.latest(ledger)).contains(receipt.anchor());
    assertThat(admin.adminOf(ledger)).contains(admin.account());
  }

  @Test
  void registeringTheSameNameTwiceIsRejected() {
    Bytes32 name = freshName();
    admin.register(name);

    assertThatThrownBy(() -> admin.register(name))
        .isInstanceOfSatisfying(
            AnchorException.class,
            e -> assertThat(e.code()).isEqualTo(AnchorException.ALREADY_REGISTERED));
  }

  @Test
  void theAdminCanAllowAndRevokeANodeAccount() {
    LedgerId ledger = admin.register(freshName());

    admin.setAnchorer(ledger, node.account(), true);
    Anchor byNode = node.anchor(ledger, 7, root("by node")).anchor();
    assertThat(node.latest(ledger)).contains(byNode);

    admin.setAnchorer(ledger, node.account(), false);
    assertThatThrownBy(() -> node.anchor(ledger, 8, root("revoked")))
        .isInstanceOfSatisfying(
            AnchorException.class,
            e -> assertThat(e.code()).isEqualTo(AnchorException.NOT_ANCHORER));
  }

  @Test
  void anchoringStaysCheapAndFast() {
    LedgerId ledger = admin.register(freshName());
    admin.setAnchorer(ledger, node.account(), true);
    int rounds = 30;
    List<Long> gas = new ArrayList<>();
    List<Long> micros = new ArrayList<>();
    for (int i = 1; i <= rounds; i++) {
      long start = System.nanoTime();
      AnchorReceipt receipt = node.anchor(ledger, 1_000L * i, root("size " + i));
      micros.add((System.nanoTime() - start) / 1_000);
      gas.add(receipt.gasUsed());
    }
    long first = gas.get(0);
    List<Long> steady = gas.subList(1, rounds);
    List<Long> sortedMicros = new ArrayList<>(micros.subList(1, rounds));
    Collections.sort(sortedMicros);
    long median = sortedMicros.get(sortedMicros.size() / 2);
    long p95 = sortedMicros.get((int) Math.ceil(sortedMicros.size() * 0.95) - 1);
    System.out.printf(
        "FIGURES anchor gas: first=%d steady=%d (min %d, max %d); anchoring latency on Ganache"
            + " (simulate+sign+send+receipt, %d anchors): first=%.1f ms median=%.1f ms p95=%.1f"
            + " ms%n",
        first,
        steady.get(steady.size() - 1),
        Collections.min(steady),
        Collections.max(steady),
        rounds,
        micros.get(0) / 1000.0,
        median / 1000.0,
        p95 / 1000.0);

    // One storage slot per anchor: a second slot would add ~5,000 (steady) / ~22,000 (first).
    assertThat(Collections.max(steady)).isLessThan(35_000);
    assertThat(first).isLessThan(55_000);
  }

  private static Bytes32 freshName() {
    return LedgerId.nameOf("co-op " + NAMES.incrementAndGet() + " " + System.nanoTime());
  }

  private static Bytes32 root(String label) {
    return Bytes32.keccak256(label.getBytes(StandardCharsets.UTF_8));
  }
}
