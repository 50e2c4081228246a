package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.Receipt;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.checkpoint.SignedReceipt;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.ProofVerifier;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.governance.proto.SignedEntry;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node on a free port with a real RocksDB store and Raft log, driven over real HTTP. */
class NodeApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private CoopNode node;
  private NodeClient api;
  private final CoopFixture coop = CoopFixture.demoLive();

  @BeforeEach
  void start() {
    node = CoopNode.start(config());
    api = NodeClient.of(node.uri());
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private NodeConfig config() {
    return NodeConfig.defaults()
        .withDataDir(data)
        .withPort(0)
        .withCoopId(coop.coopId())
        .withCheckpoints(1, 20)
        .withSnapshotEvery(2);
  }

  @Test
  void acceptsEntriesAsProtobufAndJsonAndServesThemBackWithTheirLeafHashes() throws Exception {
    Reply genesis = api.postEntry(coop.genesis());
    assertThat(genesis.status()).as(genesis.body()).isEqualTo(201);
    assertThat(genesis.json().get("index").asLong()).isZero();

    byte[] proposal = coop.propose("alice", "paint the studio", new Governed.Decision());
    Reply created = api.postEntry(asJson(proposal));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("index").asLong()).isEqualTo(1);
    assertThat(created.json().get("treeSize").asLong()).isEqualTo(2);

    JsonNode entry = api.getJson("/v1/entries/1");
    byte[] leaf = Base64.getDecoder().decode(entry.get("leaf").asText());
    assertThat(TreeHasher.leafHash(leaf).base64())
        .isEqualTo(entry.get("leafHash").asText())
        .isEqualTo(created.json().get("leafHash").asText());
    assertThat(entry.at("/entry/createProposal/title").asText()).isEqualTo("paint the studio");
    assertThat(entry.get("entryId").asText()).isEqualTo(created.json().get("entryId").asText());

    JsonNode page = api.getJson("/v1/entries?start=0&limit=10");
    assertThat(page.get("entries")).hasSize(2);
    assertThat(page.get("treeSize").asLong()).isEqualTo(2);
  }

  @Test
  void proofsAndCheckpointsVerifyWithTheGovernanceVerifiers() throws Exception {
    List<Hash> leafHashes = new ArrayList<>();
    byte[] genesis = coop.genesis();
    leafHashes.add(Hash.fromBase64(api.postEntry(genesis).json().get("leafHash").asText()));
    NoteVerifier nodeKey = NoteVerifier.parse(api.getJson("/v1/node").get("verifierKey").asText());
    SignedCheckpoint first = awaitCheckpoint(nodeKey, 1);
    for (int i = 0; i < 4; i++) {
      Reply reply = api.postEntry(coop.propose("bob", "decision " + i, new Governed.Decision()));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      leafHashes.add(Hash.fromBase64(reply.json().get("leafHash").asText()));
    }
    SignedCheckpoint last = awaitCheckpoint(nodeKey, 5);
    Hash root = Hash.of(last.checkpoint().rootHash());

    for (int index = 0; index < 5; index++) {
      JsonNode proof = api.getJson("/v1/proofs/inclusion?index=" + index + "&treeSize=5");
      ProofVerifier.verifyInclusion(
          index, 5, leafHashes.get(index), hashes(proof.get("hashes")), root);
    }
    JsonNode consistency = api.getJson("/v1/proofs/consistency?from=1&to=5");
    ProofVerifier.verifyConsistency(
        1, 5, Hash.of(first.checkpoint().rootHash()), root, hashes(consistency.get("hashes")));
    assertThat(first.checkpoint().origin())
        .isEqualTo(LedgerOrigin.ofGenesis(genesis))
        .startsWith("coopledger/" + coop.coopId() + "/");
  }

  @Test
  void aFreshNodeSignsNothingUntilItsGenesisNamesTheLedger() {
    JsonNode before = api.getJson("/v1/node");
    Reply noCheckpoint = api.get("/v1/checkpoint");

    assertThat(before.get("origin").isNull()).isTrue();
    assertThat(before.get("verifierKey").isNull()).isTrue();
    assertThat(noCheckpoint.status()).isEqualTo(404);
    assertThat(noCheckpoint.body()).contains("NOT_FOUNDED");

    byte[] genesis = coop.genesis();
    api.postEntry(genesis);
    assertThat(api.getJson("/v1/node").get("origin").asText())
        .isEqualTo(LedgerOrigin.ofGenesis(genesis));
  }

  @Test
  void every201CarriesAReceiptSignedByTheNodeForThatIndexLeafAndTime() throws Exception {
    byte[] genesisEntry = coop.genesis();
    Reply genesis = api.postEntry(genesisEntry);
    byte[] proposal = coop.propose("alice", "receipted", new Governed.Decision());
    Reply created = api.postEntry(asJson(proposal));
    NoteVerifier nodeKey = NoteVerifier.parse(api.getJson("/v1/node").get("verifierKey").asText());

    for (Reply reply : List.of(genesis, created)) {
      Receipt receipt =
          SignedReceipt.verify(reply.json().get("receipt").asText(), nodeKey).receipt();
      long index = reply.json().get("index").asLong();
      byte[] record =
          Base64.getDecoder().decode(api.getJson("/v1/entries/" + index).get("leaf").asText());
      assertThat(receipt.index()).isEqualTo(index);
      assertThat(receipt.origin()).isEqualTo(LedgerOrigin.ofGenesis(genesisEntry));
      assertThat(receipt.leafHash()).isEqualTo(TreeHasher.leafHash(record));
      assertThat(receipt.acceptedAtMillis())
          .isEqualTo(AcceptedEntry.fromBytes(record).acceptedAtMillis());
    }
  }

  @Test
  void refusesToStartWithANodeKeyOthersCanRead() throws Exception {
    node.close();
    node = null;
    Path key = data.resolve(NodeKey.FILE_NAME);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> CoopNode.start(config()))
        .isInstanceOf(NodeStartException.class)
        .hasMessageContaining("chmod 600")
        .extracting(e -> ((NodeStartException) e).code())
        .isEqualTo(NodeKey.KEY_FILE_EXPOSED);

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    node = CoopNode.start(config());
    api = NodeClient.of(node.uri());
  }

  @Test
  void keepsEveryAcknowledgedEntryAcrossARestart() throws Exception {
    String leaf = api.postEntry(coop.genesis()).json().get("leafHash").asText();
    api.postEntry(coop.propose("carol", "keep me", new Governed.Decision()));
    String verifierKey = node.verifierKey().orElseThrow();
    node.close();

    try (var files = java.nio.file.Files.walk(data.resolve("raft"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("a Ratis snapshot marker, so that a restart replays only the log after it")
          .anyMatch(name -> name.startsWith("snapshot.") && !name.endsWith(".md5"));
    }

    node = CoopNode.start(config());
    api = NodeClient.of(node.uri());
    assertThat(node.treeSize()).isEqualTo(2);
    assertThat(node.verifierKey()).contains(verifierKey);
    assertThat(api.getJson("/v1/entries/0").get("leafHash").asText()).isEqualTo(leaf);
    Reply next = api.postEntry(coop.propose("alice", "after restart", new Governed.Decision()));
    assertThat(next.status()).as(next.body()).isEqualTo(201);
    assertThat(next.json().get("index").asLong()).isEqualTo(2);
  }

  @Test
  void readModelsShowMembersSplitsBalancesAndWhatProposalsStillNeed() {
    byte[] genesis =
        coop.genesis(
            "",
            List.of(
                new Share(coop.id("alice"), 5000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 2000)));
    assertThat(api.postEntry(genesis).status()).isEqualTo(201);
    Reply revenue = api.postEntry(coop.revenue("bob", 1000, "EUR", "subscription"));
    assertThat(revenue.status()).as(revenue.body()).isEqualTo(201);
    byte[] proposal =
        coop.propose(
            "alice",
            "even split",
            new Governed.SplitChange(
                List.of(
                    new Share(coop.id("alice"), 3334),
                    new Share(coop.id("bob"), 3333),
                    new Share(coop.id("carol"), 3333))));
    assertThat(api.postEntry(proposal).status()).isEqualTo(201);

    assertThat(api.getJson("/v1/members").get("members")).hasSize(5);
    JsonNode splits = api.getJson("/v1/splits").get("splits");
    assertThat(splits).hasSize(1);
    assertThat(splits.get(0).get("shares")).hasSize(3);
    JsonNode balances = api.getJson("/v1/balances");
    assertThat(balances.get("treeSize").asLong()).isEqualTo(3);
    assertThat(balances.get("balances").findValuesAsText("amountMinor"))
        .containsExactlyInAnyOrder("500", "300", "200");

    String id = CoopFixture.idOf(proposal).hex();
    JsonNode proposals = api.getJson("/v1/proposals").get("proposals");
    assertThat(proposals).hasSize(1);
    JsonNode one = api.getJson("/v1/proposals/" + id);
    assertThat(one.get("status").asText()).isEqualTo("open");
    assertThat(one.get("executable").asBoolean()).isFalse();
    assertThat(one.get("missing")).isNotEmpty();
    assertThat(one.get("tally").get("eligible").asLong()).isPositive();
    assertThat(api.get("/v1/proposals/" + "0".repeat(64)).status()).isEqualTo(404);

    JsonNode state = api.getJson("/v1/state");
    assertThat(state.get("stateDigest").asText()).matches("[0-9a-f]{64}");
    assertThat(state.at("/coop/members").asInt()).isEqualTo(5);
    assertThat(api.getJson("/v1/rulebook").get("rulebook").asText()).isNotBlank();
  }

  @Test
  void refusesToStartOnAPortThatIsTakenAndReleasesTheStore() {
    NodeConfig second = config().withDataDir(data.resolve("second")).withPort(node.port());
    assertThatThrownBy(() -> CoopNode.start(second))
        .isInstanceOf(NodeStartException.class)
        .hasMessageContaining(":" + node.port());
    try (CoopNode retry = CoopNode.start(second.withPort(0))) {
      assertThat(retry.treeSize()).isZero();
    }
  }

  @Test
  void servesHealthMetricsAndTheOpenApiDocument() {
    JsonNode health = api.getJson("/observe/health");
    assertThat(health.get("status").asText()).isEqualTo("UP");
    Reply metrics = api.get("/observe/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("coop_tree_size").contains("coop_checkpoint_size");
    Reply openapi = api.get("/openapi");
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body()).startsWith("openapi: 3").contains("/v1/proofs/inclusion");
  }

  private SignedCheckpoint awaitCheckpoint(NoteVerifier key, long size)
      throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      Reply reply = api.get("/v1/checkpoint");
      if (reply.status() == 404) {
        // The first checkpoint comes up to checkpoint-interval-ms after the genesis entry.
        Thread.sleep(20);
        continue;
      }
      SignedCheckpoint checkpoint =
          SignedCheckpoint.verify(reply.body().getBytes(StandardCharsets.UTF_8), key);
      if (checkpoint.checkpoint().size() >= size) {
        return checkpoint;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no checkpoint at size " + size);
  }

  private static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    array.forEach(h -> out.add(Hash.fromBase64(h.asText())));
    return out;
  }

  static String asJson(byte[] signedEntry) throws Exception {
    SignedEntry entry = SignedEntry.parseFrom(signedEntry);
    var root = JSON.createObjectNode();
    root.put("body", Base64.getEncoder().encodeToString(entry.getBody().toByteArray()));
    var signatures = root.putArray("signatures");
    for (var s : entry.getSignaturesList()) {
      signatures
          .addObject()
          .put("keyId", s.getKeyId())
          .put("algorithm", s.getAlgorithm().name())
          .put("signature", Base64.getEncoder().encodeToString(s.getSignature().toByteArray()));
    }
    return JSON.writeValueAsString(root);
  }
}
