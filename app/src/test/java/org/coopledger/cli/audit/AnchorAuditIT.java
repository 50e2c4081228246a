package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.contracts.anchor.AnchorCheck;
import org.coopledger.contracts.chain.EthKeyFile;
import org.coopledger.contracts.devchain.DevChain;
import org.coopledger.governance.action.Governed;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.anchor.AnchorConfig;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coop audit --anchor-*} against a real anchoring node on a real Ganache. */
class AnchorAuditIT {
  private static final int NODE_ACCOUNT = 4;

  @TempDir Path dir;

  private final CoopFixture coop = CoopFixture.demoLive();
  private final HttpClient http = HttpClient.newHttpClient();
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
  void theAnchorCheckPassesOnTheHonestNodeAndFailsLoudlyOnARewrittenOne() throws Exception {
    node = CoopNode.start(config("honest", true));
    post(coop.genesis());
    for (int i = 0; i < 3; i++) {
      post(coop.propose("alice", "decision " + i, new Governed.Decision()));
    }
    awaitAnchoredSize(4);
    post(coop.propose("bob", "after the anchor", new Governed.Decision()));

    CoopRunner.Result passed = audit("honest-trust");
    assertThat(passed.exitCode()).as(passed.out() + passed.err()).isEqualTo(ExitCode.OK);
    assertThat(passed.out())
        .contains("audit passed", "contains every checkpoint anchored on chain")
        .as("the anchoring admin here is the node's own account")
        .contains("WARNING the co-op's anchoring admin");

    CoopRunner.Result json = audit("json-trust", "--json");
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.at("/anchor/anchoredSize").asLong()).isBetween(4L, 5L);
    assertThat(report.at("/anchor/adminFromNode").asBoolean()).isFalse();

    // Same co-op, same anchoring account, a different history: a fresh auditor (nothing pinned)
    // would accept it, but the anchor on chain does not.
    node.close();
    node = CoopNode.start(config("rewritten", false));
    post(coop.genesis());
    for (int i = 0; i < 4; i++) {
      post(coop.propose("carol", "forged " + i, new Governed.Decision()));
    }

    CoopRunner.Result caught = audit("fresh-trust");
    assertThat(caught.exitCode())
        .as(caught.out() + caught.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(caught.err()).contains(AnchorCheck.HISTORY_REWRITTEN);
  }

  @Test
  void aForkAnchoredLaterDoesNotHideTheAnchorOfTheHistoryItReplaced() throws Exception {
    node = CoopNode.start(config("first", true));
    post(coop.genesis());
    for (int i = 0; i < 3; i++) {
      post(coop.propose("alice", "decision " + i, new Governed.Decision()));
    }
    awaitAnchoredSize(4);
    node.close();

    // The operator starts over with another history under the same anchoring account and
    // anchors it too, further on: the latest anchor is now the fork's own.
    node = CoopNode.start(config("fork", true));
    post(coop.genesis());
    for (int i = 0; i < 5; i++) {
      post(coop.propose("carol", "forged " + i, new Governed.Decision()));
    }
    awaitAnchoredSize(6);

    CoopRunner.Result caught = audit("fork-trust");

    assertThat(caught.exitCode())
        .as(caught.out() + caught.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(caught.err()).contains(AnchorCheck.HISTORY_REWRITTEN);
  }

  /**
   * The chain's clock says when a checkpoint was anchored, and the node cannot change it: entries
   * the node says it accepted after that moment cannot be in it. Here the chain runs an hour behind
   * (Ganache's evm_setTime), as if the node had stamped its entries an hour later than the anchor
   * shows it had them.
   */
  @Test
  void anAnchorMinedBeforeTheEntriesItCoversFailsTheAudit() throws Exception {
    rpc("evm_setTime", System.currentTimeMillis() - 3_600_000);
    node = CoopNode.start(config("early", true));
    post(coop.genesis());
    for (int i = 0; i < 3; i++) {
      post(coop.propose("alice", "decision " + i, new Governed.Decision()));
    }
    awaitAnchoredSize(4);

    CoopRunner.Result caught = audit("early-trust");

    assertThat(caught.exitCode())
        .as(caught.out() + caught.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(caught.err())
        .contains(
            "VERIFICATION FAILED [" + CheckpointTimes.CHECKPOINT_BEFORE_ENTRY + "]",
            "was anchored in block");
  }

  private void rpc(String method, Object param) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + param + "]}";
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(chain.rpcUrl().toString()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.body()).as(method).doesNotContain("\"error\"");
  }

  private CoopRunner.Result audit(String trustDir, String... extra) {
    String[] base = {
      "audit",
      "--node",
      node.uri().toString(),
      "--trust-dir",
      dir.resolve(trustDir).toString(),
      "--anchor-rpc",
      chain.rpcUrl().toString(),
      "--anchor-contract",
      chain.contract().hex(),
      "--anchor-admin",
      DevChain.account(NODE_ACCOUNT).getAddress()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CoopRunner.plain().run(args);
  }

  private void awaitAnchoredSize(long size) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonNode anchors = new ObjectMapper().readTree(get("/v1/anchors"));
      if (anchors.at("/anchors/0/treeSize").asLong() == size) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("never anchored size " + size + ": " + anchors);
      }
      Thread.sleep(100);
    }
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(node.uri().resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private void post(byte[] entry) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(node.uri().resolve("/v1/entries"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(entry))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
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
            AnchorConfig.to(
                URI.create(chain.rpcUrl().toString()),
                chain.contract(),
                keyFile,
                Duration.ofMillis(200)))
        : base;
  }
}
