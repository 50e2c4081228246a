package org.coopledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.ByteString;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.api.v1.EntryPageResponse;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.proto.SignedEntryBatch;
import org.coopledger.governance.view.MemberView;
import org.coopledger.governance.view.ProposalView;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published contract holds: real answers of a started node (RocksDB, Raft, HTTP), for every
 * endpoint and every kind of error, have a status the /openapi document lists for that operation
 * and a body its schema accepts (networknt json-schema-validator, OpenAPI 3.0 dialect). The
 * document is the one the node serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 16 * 1024;
  private static final int MAX_BATCH = 3;

  @TempDir static Path data;
  private final CoopFixture coop = CoopFixture.demoLive();
  private final Set<String> checked = new TreeSet<>();
  private CoopNode node;
  private NodeClient api;
  private JsonNode document;
  private SchemaRegistry schemas;

  @BeforeAll
  void start() throws Exception {
    node =
        CoopNode.start(
            NodeConfig.builder()
                .dataDir(data)
                .port(0)
                .coopId(coop.coopId())
                .maxBodyBytes(MAX_BODY)
                .batchMaxEntries(MAX_BATCH)
                .checkpointEvery(1)
                .checkpointIntervalMillis(20)
                .build());
    api = NodeClient.of(node.uri());
    Reply served = api.get("/openapi");
    assertThat(served.status()).isEqualTo(200);
    document = new YAMLMapper().readTree(served.body());
    try (InputStream in = ApiContractIT.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(new YAMLMapper().readTree(in)).isEqualTo(document);
    }
    schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void everyAnswerOfEveryEndpointMatchesThePublishedSchemas() throws Exception {
    // Before the genesis entry.
    check("get", "/v1/node", "/v1/node", 200);
    check("get", "/v1/checkpoint", "/v1/checkpoint", 404);
    check("get", "/v1/state", "/v1/state", 200);

    // Submitting.
    // With a split, a tier and revenue, so that every read model has items to check.
    byte[] genesis =
        coop.genesis(
            org.coopledger.governance.clause.DefaultRulebook.rulebook().text()
                + "tier: 1 of role(treasurer)\n",
            List.of(new Share(coop.id("alice"), 10_000)));
    check("post", "/v1/entries", api.postEntry(genesis), 201);
    byte[] first = coop.propose("alice", "first", new Governed.Decision());
    check("post", "/v1/entries", api.postEntry(first), 201);
    Reply again = api.postEntry(first);
    check("post", "/v1/entries", again, 201);
    assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    check(
        "post",
        "/v1/entries",
        api.postEntry(
            coop.reusingNonce(
                first,
                new org.coopledger.governance.action.CreateProposal(
                    "second", "", new Governed.Decision()))),
        409);
    check("post", "/v1/entries", api.postEntry("{\"body\": "), 400);
    check("post", "/v1/entries", api.postEntry("{\"body\": \"AA==\", \"x\": 1}"), 400);
    check("post", "/v1/entries", api.postEntry(new byte[MAX_BODY + 1]), 413);
    check(
        "post",
        "/v1/entries",
        api.post("/v1/entries", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)),
        415);
    CoopFixture other = new CoopFixture("other-coop", "Other", CoopFixture.DEMO_PEOPLE, 0);
    check("post", "/v1/entries", api.postEntry(other.genesis()), 422);

    byte[] proposal = coop.propose("alice", "contract", new Governed.Decision());
    check(
        "post",
        "/v1/entries:batch",
        // A new entry, a copy of one the ledger holds (201, duplicate) and a refused one.
        api.post(
            "/v1/entries:batch",
            "application/x-protobuf",
            batch(proposal, genesis, other.genesis())),
        200);
    check(
        "post",
        "/v1/entries:batch",
        api.post(
            "/v1/entries:batch",
            "application/json",
            "{\"entries\": []}".getBytes(StandardCharsets.UTF_8)),
        400);
    check(
        "post",
        "/v1/entries:batch",
        api.post(
            "/v1/entries:batch",
            "application/x-protobuf",
            batch(new byte[1], new byte[1], new byte[1], new byte[1])),
        413);
    check(
        "post",
        "/v1/entries:batch",
        api.post("/v1/entries:batch", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)),
        415);

    check("post", "/v1/entries", api.postEntry(coop.revenue("tess", 10_001, "EUR", "drop:x")), 201);
    byte[] tier =
        coop.propose(
            "alice",
            "supporter",
            new Governed.TierChange(
                "supporter",
                List.of(
                    new org.coopledger.governance.action.RegionPrice("eu", 500, "EUR"),
                    new org.coopledger.governance.action.RegionPrice("in", 200, "EUR"))));
    check("post", "/v1/entries", api.postEntry(tier), 201);
    check("post", "/v1/entries", api.postEntry(coop.approve("tess", CoopFixture.idOf(tier))), 201);
    check("post", "/v1/entries", api.postEntry(coop.execute("tess", CoopFixture.idOf(tier))), 201);
    check(
        "post",
        "/v1/entries",
        api.postEntry(coop.subscription("tess", 400, "EUR", "supporter", "in", 2)),
        201);
    check(
        "post",
        "/v1/entries",
        api.postEntry(coop.subscription("tess", 400, "EUR", "supporter", "eu", 2)),
        422);

    // Reading.
    check("get", "/v1/entries", "/v1/entries", 200);
    check("get", "/v1/entries", "/v1/entries?limit=0", 400);
    check("get", "/v1/entries/{index}", "/v1/entries/0", 200);
    check("get", "/v1/entries/{index}", "/v1/entries/99", 404);
    check("get", "/v1/entries/{index}", "/v1/entries/x", 400);
    check("get", "/v1/proofs/inclusion", "/v1/proofs/inclusion?index=0", 200);
    check("get", "/v1/proofs/inclusion", "/v1/proofs/inclusion?index=99", 400);
    check("get", "/v1/proofs/consistency", "/v1/proofs/consistency?from=1&to=2", 200);
    check("get", "/v1/proofs/consistency", "/v1/proofs/consistency?from=2&to=1", 400);
    check("get", "/v1/node", "/v1/node", 200);
    awaitCheckpoint();
    check("get", "/v1/checkpoint", "/v1/checkpoint", 200);
    check("get", "/v1/snapshot", "/v1/snapshot", 200);
    check("get", "/v1/checkpoint", "/v1/checkpoint?treeSize=x", 400);
    check("get", "/v1/checkpoint", "/v1/checkpoint?treeSize=12345", 404);
    // A node's URL announcement: this co-op names no nodes, so none is taken.
    String origin = api.nodeInfo().origin();
    org.coopledger.governance.crypto.SigningKey dan =
        org.coopledger.governance.crypto.SigningKey.generate();
    check(
        "post",
        "/v1/node/url",
        api.post("/v1/node/url", "text/plain", announcement(origin, dan)),
        403);
    check(
        "post",
        "/v1/node/url",
        api.post("/v1/node/url", "text/plain", announcement("example.com/log", dan)),
        404);
    check(
        "post",
        "/v1/node/url",
        api.post("/v1/node/url", "text/plain", "dan\n".getBytes(StandardCharsets.UTF_8)),
        400);
    // The witness protocol: this co-op names no nodes, so no key is trusted to sign.
    byte[] note = api.get("/v1/checkpoint").body().getBytes(StandardCharsets.UTF_8);
    check(
        "post",
        "/add-checkpoint",
        api.post("/add-checkpoint", "text/plain", witnessRequest(note)),
        403);
    check(
        "post",
        "/add-checkpoint",
        api.post("/add-checkpoint", "text/plain", "old x\n\n".getBytes(StandardCharsets.UTF_8)),
        400);
    check(
        "post",
        "/add-checkpoint",
        api.post(
            "/add-checkpoint",
            "text/plain",
            witnessRequest(
                org.coopledger.governance.checkpoint.SignedCheckpoint.sign(
                        new org.coopledger.governance.checkpoint.Checkpoint(
                            "example.com/log", 1, new byte[32]),
                        org.coopledger.governance.checkpoint.NoteSigner.of(
                            "example.com/log",
                            org.coopledger.governance.crypto.SigningKey.generate()))
                    .bytes())),
        404);
    check("get", "/v1/anchors", "/v1/anchors", 200);
    check("get", "/v1/state", "/v1/state", 200);
    check("get", "/v1/members", "/v1/members", 200);
    check("get", "/v1/proposals", "/v1/proposals", 200);
    check("get", "/v1/proposals", "/v1/proposals?asOf=x", 400);
    check("get", "/v1/proposals/{id}", "/v1/proposals/" + CoopFixture.idOf(proposal).hex(), 200);
    check("get", "/v1/proposals/{id}", "/v1/proposals/" + "0".repeat(64), 404);
    check("get", "/v1/proposals/{id}", "/v1/proposals/nope", 400);
    check("get", "/v1/splits", "/v1/splits", 200);
    check("get", "/v1/money", "/v1/money", 200);
    check("get", "/v1/reports/revenue", "/v1/reports/revenue?by=month", 200);
    check("get", "/v1/reports/revenue", "/v1/reports/revenue?format=csv", 200);
    check("get", "/v1/reports/revenue", "/v1/reports/revenue?by=week", 400);
    check("get", "/v1/reports/statements/{account}", "/v1/reports/statements/alice", 200);
    check("get", "/v1/reports/statements/{account}", "/v1/reports/statements/nobody", 404);
    check("get", "/v1/reports/pools", "/v1/reports/pools?treeSize=1", 200);
    check("get", "/v1/reports/pools", "/v1/reports/pools?treeSize=99999", 400);
    check("get", "/v1/reports/revenue", "/v1/reports/revenue?by=drop", 200);
    check("get", "/v1/reports/revenue", "/v1/reports/revenue?by=tier", 200);
    check("get", "/v1/reports/revenue", "/v1/reports/revenue?by=region&format=csv", 200);
    check("get", "/v1/reports/metrics", "/v1/reports/metrics", 200);
    check("get", "/v1/reports/metrics", "/v1/reports/metrics?treeSize=1", 200);
    check("get", "/v1/reports/metrics", "/v1/reports/metrics?format=xml", 400);
    check("get", "/v1/balances", "/v1/balances", 200);
    check("get", "/v1/rulebook", "/v1/rulebook", 200);
    check("get", "/observe/health", "/observe/health", 200);
    check("get", "/observe/health/live", "/observe/health/live", 200);
    check("get", "/observe/health/ready", "/observe/health/ready", 200);
    check("get", "/observe/metrics", "/observe/metrics", 200);
    check("get", "/openapi", "/openapi", 200);
    check("get", "/v1/members", api.get("/v1/no-such-thing"), 404);

    List<String> operations = new ArrayList<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(method -> operations.add(method + " " + path.getKey())));
    assertThat(checked).as("operations answered in this test").containsAll(operations);

    // The client decodes the same answers into the records the node wrote them from.
    NodeInfo info = api.nodeInfo();
    assertThat(info.role()).isEqualTo("LEADER");
    assertThat(info.leader().peerId()).isEqualTo(info.peerId());
    assertThat(info.leader().raftAddress()).isEqualTo(info.raftAddress());
    assertThat(info.appliedIndex()).isPositive();
    EntryPageResponse page = api.entries(0, 2);
    assertThat(page.entries()).extracting(EntryResponse::index).containsExactly(0L, 1L);
    assertThat(page.next()).isEqualTo(2);
    assertThat(api.entry(0).signatures()).isNotEmpty();
    assertThat(api.entry(0).leafBytes()).isNotEmpty();
    assertThat(api.state().coop().coopId()).isEqualTo(coop.coopId());
    assertThat(api.members().members()).extracting(MemberView::id).contains(coop.id("alice").hex());
    String id = CoopFixture.idOf(proposal).hex();
    assertThat(api.proposals().proposals()).extracting(ProposalView::id).contains(id);
    assertThat(api.proposal(id).title()).isEqualTo("contract");
    assertThat(api.splits().splits().getFirst().shares()).hasSize(1);
    // 100.01 EUR from drop:x and two months of the supporter tier in India (4.00 EUR).
    assertThat(api.balances().balances().getFirst().amountMinor()).isEqualTo(10_401);
    assertThat(api.rulebook().rulebook()).isNotBlank();
    assertThat(api.money().money().splits()).isEmpty();
    assertThat(api.money().money().tiers())
        .singleElement()
        .extracting(t -> t.name())
        .isEqualTo("supporter");
    assertThat(api.anchors().enabled()).isFalse();
  }

  @Test
  void theSchemasAcceptOnlyWhatTheRecordsWrite() throws Exception {
    ObjectNode info = (ObjectNode) JSON.readTree(api.get("/v1/node").body());
    assertThat(errors("NodeInfo", info)).isEmpty();

    ObjectNode noLeader = info.deepCopy();
    noLeader.putNull("leader");
    assertThat(errors("NodeInfo", noLeader)).as("no leader yet").isEmpty();

    ObjectNode noRole = info.deepCopy();
    noRole.remove("role");
    assertThat(errors("NodeInfo", noRole)).as("a network field missing").isNotEmpty();

    ObjectNode extra = info.deepCopy();
    extra.put("leaderUrl", "http://127.0.0.1:1");
    assertThat(errors("NodeInfo", extra)).as("a field the document does not list").isNotEmpty();

    ObjectNode badPeer = info.deepCopy();
    badPeer.putArray("peers").addObject().put("peerId", "n1");
    assertThat(errors("NodeInfo", badPeer)).as("a peer without its address and URL").isNotEmpty();
  }

  /** What the published schema {@code name} finds wrong with {@code body}. */
  private List<Error> errors(String name, JsonNode body) {
    ObjectNode schema = JSON.createObjectNode().put("$ref", "#/components/schemas/" + name);
    schema.set("components", document.get("components"));
    return schemas.getSchema(schema).validate(body);
  }

  private static byte[] announcement(
      String origin, org.coopledger.governance.crypto.SigningKey key) {
    String text = "coopledger/node-url/v1\n" + origin + "\ndan\nhttp://127.0.0.1:1\n" + 1 + "\n";
    return org.coopledger.governance.checkpoint.SignedNote.sign(
            text, org.coopledger.governance.checkpoint.NoteSigner.of("dan", key))
        .encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] witnessRequest(byte[] note) {
    byte[] head = "old 0\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = java.util.Arrays.copyOf(head, head.length + note.length);
    System.arraycopy(note, 0, all, head.length, note.length);
    return all;
  }

  private void check(String method, String template, String path, int status) throws Exception {
    check(method, template, api.get(path), status);
  }

  private void check(String method, String template, Reply reply, int status) throws Exception {
    assertThat(reply.status()).as(method + " " + template + ": " + reply.body()).isEqualTo(status);
    JsonNode operation = document.get("paths").get(template).get(method);
    assertThat(operation).as(method + " " + template + " in /openapi").isNotNull();
    JsonNode response = resolve(operation.get("responses").get(Integer.toString(status)));
    assertThat(response)
        .as("status " + status + " of " + method + " " + template + " in /openapi")
        .isNotNull();
    checked.add(method + " " + template);
    JsonNode content = response.path("content");
    String text = reply.body().strip();
    if (text.startsWith("{") || text.startsWith("[")) {
      assertThat(content.has("application/json")).as("JSON documented for " + template).isTrue();
      JsonNode body = JSON.readTree(reply.body());
      ObjectNode schema = JSON.createObjectNode();
      schema.setAll((ObjectNode) content.get("application/json").get("schema").deepCopy());
      schema.set("components", document.get("components"));
      Schema validator = schemas.getSchema(schema);
      List<Error> errors = validator.validate(body);
      assertThat(errors)
          .as("%s %s %d: %s", method.toUpperCase(Locale.ROOT), template, status, reply.body())
          .isEmpty();
    } else {
      List<String> types = new ArrayList<>();
      content.fieldNames().forEachRemaining(types::add);
      assertThat(types)
          .as("a non-JSON body documented for " + template)
          .anyMatch(t -> !t.endsWith("json"));
    }
  }

  private JsonNode resolve(JsonNode response) {
    if (response != null && response.has("$ref")) {
      String name = response.get("$ref").asText().replace("#/components/responses/", "");
      return document.get("components").get("responses").get(name);
    }
    return response;
  }

  private void awaitCheckpoint() throws InterruptedException {
    for (int i = 0; i < 250 && api.get("/v1/checkpoint").status() != 200; i++) {
      Thread.sleep(20);
    }
  }

  private static byte[] batch(byte[]... entries) {
    SignedEntryBatch.Builder batch = SignedEntryBatch.newBuilder();
    for (byte[] entry : entries) {
      batch.addEntries(ByteString.copyFrom(entry));
    }
    return batch.build().toByteArray();
  }
}
