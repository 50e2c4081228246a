package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.contracts.anchor.Anchor;
import org.coopledger.contracts.anchor.AnchorCheck;
import org.coopledger.contracts.anchor.AnchorReader;
import org.coopledger.contracts.anchor.LedgerId;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthKeyFile;
import org.coopledger.contracts.devchain.DevChain;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.node.anchor.AnchorConfig;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node anchoring its checkpoints on a real Ganache, and an auditor checking them. */
class AnchoringIT {
  private static final int NODE_ACCOUNT = 2;

  @TempDir Path dir;

  private final CoopFixture coop = CoopFixture.demoLive();
  private DevChain chain;
  private CoopNode node;

  @BeforeEach
  void startChain() {
    chain = DevChain.start();
  }

  @AfterEach
  void stopAll() {
    if (node != null) {
      node.close();
    }
    chain.close();
  }

  @Test
  void checkpointsAreAnchoredAndAnAuditorCatchesARewrittenHistory() throws Exception {
    node = CoopNode.start(config("honest", true));
    NodeClient api = NodeClient.of(node.uri());
    post(api, coop.genesis());
    for (int i = 0; i < 3; i++) {
      post(api, coop.propose("alice", "decision " + i, new Governed.Decision()));
    }

    JsonNode anchors =
        awaitAnchors(api, a -> a.path("anchors").path(0).path("treeSize").asLong() == 4);
    Anchor onChain = reader().latest(ledgerId()).orElseThrow();
    assertThat(onChain.treeSize()).isEqualTo(4);
    assertThat(anchors.path("anchors").path(0).path("txHash").asText())
        .isEqualTo(onChain.txHash().hex());
    assertThat(anchors.path("ledgerId").asText()).isEqualTo(ledgerId().toString());

    // The node grows on; the auditor's check of the anchor against its new checkpoint passes.
    post(api, coop.propose("bob", "decision 3", new Governed.Decision()));
    post(api, coop.propose("bob", "decision 4", new Governed.Decision()));
    audit(api, onChain, 6);

    // The operator throws the ledger away and serves a different history of the same co-op.
    node.close();
    node = CoopNode.start(config("rewritten", false));
    NodeClient forged = NodeClient.of(node.uri());
    post(forged, coop.genesis());
    for (int i = 0; i < 5; i++) {
      post(forged, coop.propose("carol", "forged " + i, new Governed.Decision()));
    }

    assertThatThrownBy(() -> audit(forged, reader().latest(ledgerId()).orElseThrow(), 6))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.code()).isEqualTo(AnchorCheck.HISTORY_REWRITTEN));
  }

  @Test
  void aChainThatIsDownSlowsNoWriteAndAnchoringCatchesUpWhenItIsBack() throws Exception {
    node = CoopNode.start(config("node", true));
    NodeClient api = NodeClient.of(node.uri());
    post(api, coop.genesis());
    awaitAnchors(api, a -> a.path("anchors").path(0).path("treeSize").asLong() == 1);

    chain.pause();
    long slowestMillis = 0;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      post(api, coop.propose("alice", "while the chain is down " + i, new Governed.Decision()));
      slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
    }
    // Structural, not timed: all five writes were acknowledged while the chain (still paused)
    // could answer nothing, so none of them waited for an anchor; no anchor covers them yet.
    assertThat(api.getJson("/v1/node").path("treeSize").asLong()).isEqualTo(6);
    assertThat(api.getJson("/v1/anchors").path("anchors").path(0).path("treeSize").asLong())
        .as("nothing was anchored while the chain was paused")
        .isEqualTo(1);
    JsonNode failing = awaitAnchors(api, a -> !a.path("lastError").isNull());
    assertThat(failing.path("anchors").path(0).path("treeSize").asLong()).isEqualTo(1);

    chain.resume();
    long resumed = System.nanoTime();
    awaitAnchors(api, a -> a.path("anchors").path(0).path("treeSize").asLong() == 6);
    System.out.printf(
        "FIGURES anchoring caught up %d ms after the chain came back; slowest write while it was"
            + " down: %d ms%n",
        (System.nanoTime() - resumed) / 1_000_000, slowestMillis);
    assertThat(reader().latest(ledgerId()).orElseThrow().treeSize()).isEqualTo(6);
  }

  /** The auditor's anchor check, as {@code coop audit --anchor-*} runs it. */
  private void audit(NodeClient api, Anchor anchored, long expectedSize) throws Exception {
    NoteVerifier nodeKey = NoteVerifier.parse(api.getJson("/v1/node").get("verifierKey").asText());
    Checkpoint current = awaitCheckpoint(api, nodeKey, expectedSize);
    JsonNode proof =
        api.getJson("/v1/proofs/consistency?from=" + anchored.treeSize() + "&to=" + current.size());
    List<Hash> path = new ArrayList<>();
    proof.get("hashes").forEach(h -> path.add(Hash.fromBase64(h.asText())));
    AnchorCheck.verify(anchored, current, path);
  }

  private Checkpoint awaitCheckpoint(NodeClient api, NoteVerifier nodeKey, long size)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      byte[] note = api.get("/v1/checkpoint").body().getBytes(StandardCharsets.UTF_8);
      Checkpoint checkpoint = SignedCheckpoint.verify(note, nodeKey).checkpoint();
      if (checkpoint.size() >= size) {
        return checkpoint;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "no checkpoint of size " + size + " within 60 s; the latest: " + checkpoint);
      }
      Thread.sleep(50);
    }
  }

  private static JsonNode awaitAnchors(NodeClient api, Predicate<JsonNode> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode anchors = api.getJson("/v1/anchors");
    while (!done.test(anchors)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("anchors never got there: " + anchors);
      }
      Thread.sleep(100);
      anchors = api.getJson("/v1/anchors");
    }
    return anchors;
  }

  private static void post(NodeClient api, byte[] entry) {
    Reply reply = api.postEntry(entry);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private NodeConfig config(String name, boolean anchoring) {
    Path keyFile = dir.resolve("anchor.key");
    EthKeyFile.write(keyFile, DevChain.account(NODE_ACCOUNT));
    NodeConfig base =
        NodeConfig.defaults()
            .withDataDir(dir.resolve(name))
            .withPort(0)
            .withCoopId(coop.coopId())
            .withCheckpoints(1, 20);
    return anchoring
        ? base.withAnchor(
            AnchorConfig.to(chain.rpcUrl(), chain.contract(), keyFile, Duration.ofMillis(200)))
        : base;
  }

  private AnchorReader reader() {
    return new AnchorReader(chain.rpc(), chain.contract());
  }

  private LedgerId ledgerId() {
    return LedgerId.of(
        EthAddress.parse(DevChain.account(NODE_ACCOUNT).getAddress()),
        LedgerId.nameOf(coop.coopId()));
  }
}
