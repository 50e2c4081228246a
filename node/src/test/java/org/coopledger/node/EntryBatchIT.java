package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.governance.proto.SignedEntry;
import org.coopledger.governance.proto.SignedEntryBatch;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/entries:batch} on a real node (RocksDB, Raft, HTTP): mixed good and bad entries,
 * the per-request limit, request order, and both body formats.
 */
class EntryBatchIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 50;

  @TempDir Path data;

  private final CoopFixture coop = CoopFixture.demoLive();
  private final HttpClient http = HttpClient.newHttpClient();
  private CoopNode node;

  @BeforeEach
  void start() {
    node =
        CoopNode.start(
            NodeConfig.builder()
                .dataDir(data)
                .port(0)
                .coopId(coop.coopId())
                .batchMaxEntries(LIMIT)
                .build());
  }

  @AfterEach
  void stop() {
    node.close();
    http.close();
  }

  @Test
  void answersEachEntryInRequestOrderAndABadEntryRefusesOnlyItself() throws Exception {
    byte[] genesis = coop.genesis();
    byte[] proposal = coop.propose("alice", "a batch", new Governed.Decision());
    EntryId id = CoopFixture.idOf(proposal);
    byte[] forged = coop.vote("bob", id, VoteChoice.NO);
    forged[forged.length - 1] ^= 1;
    byte[] aliceYes = coop.vote("alice", id, VoteChoice.YES);
    List<byte[]> batch =
        List.of(
            genesis,
            proposal,
            new byte[] {1, 2, 3},
            aliceYes,
            forged,
            coop.vote("carol", id, VoteChoice.ABSTAIN),
            // A copy of an entry earlier in the same batch: its receipt again.
            aliceYes,
            // Another entry with that nonce: a replay, refused.
            coop.reusingNonce(aliceYes, new CastVote(id, VoteChoice.NO, "")),
            coop.vote("bob", id, VoteChoice.YES));

    JsonNode reply = postProtobuf(batch, 200);

    assertThat(reply.get("accepted").asInt()).isEqualTo(6);
    assertThat(reply.get("refused").asInt()).isEqualTo(3);
    List<String> summary = new ArrayList<>();
    for (JsonNode result : reply.get("results")) {
      summary.add(
          result.get("status").asInt()
              + " "
              + (result.has("error")
                  ? result.get("error").asText()
                  : result.get("index").asText()
                      + (result.get("duplicate").asBoolean() ? " duplicate" : "")));
    }
    assertThat(summary)
        .containsExactly(
            "201 0",
            "201 1",
            "400 MALFORMED_ENTRY",
            "201 2",
            "422 BAD_SIGNATURE",
            "201 3",
            "201 2 duplicate",
            "409 REPLAYED_NONCE",
            "201 4");
    for (String field : List.of("index", "leafHash", "treeSize", "entryId", "receipt")) {
      assertThat(reply.get("results").get(6).get(field))
          .as(field)
          .isEqualTo(reply.get("results").get(3).get(field));
    }
    // Each receipt names the record the node now serves at its index, in request order.
    JsonNode third = reply.get("results").get(3);
    JsonNode served = get("/v1/entries/2");
    assertThat(served.get("leafHash").asText()).isEqualTo(third.get("leafHash").asText());
    byte[] leaf = Base64.getDecoder().decode(served.get("leaf").asText());
    assertThat(TreeHasher.leafHash(leaf).base64()).isEqualTo(third.get("leafHash").asText());
    assertThat(third.get("entryId").asText()).isEqualTo(CoopFixture.idOf(aliceYes).hex());
    assertThat(get("/v1/node").get("treeSize").asLong()).isEqualTo(5);
  }

  @Test
  void aBatchSentAgainIsAnsweredWithTheSameReceiptsAndAppendsNothing() throws Exception {
    byte[] genesis = coop.genesis();
    byte[] proposal = coop.propose("alice", "sent twice", new Governed.Decision());
    List<byte[]> batch =
        List.of(genesis, proposal, coop.vote("alice", CoopFixture.idOf(proposal), VoteChoice.YES));
    JsonNode first = postProtobuf(batch, 200);
    assertThat(first.get("accepted").asInt()).as(first.toString()).isEqualTo(3);
    long size = get("/v1/node").get("treeSize").asLong();

    // A client whose first request timed out sends the same batch again.
    JsonNode again = postProtobuf(batch, 200);

    assertThat(again.get("accepted").asInt()).isEqualTo(3);
    for (int i = 0; i < batch.size(); i++) {
      JsonNode was = first.get("results").get(i);
      JsonNode is = again.get("results").get(i);
      assertThat(was.get("duplicate").asBoolean()).isFalse();
      assertThat(is.get("duplicate").asBoolean()).isTrue();
      for (String field :
          List.of("status", "index", "leafHash", "treeSize", "entryId", "receipt")) {
        assertThat(is.get(field)).as(i + ": " + field).isEqualTo(was.get(field));
      }
    }
    assertThat(get("/v1/node").get("treeSize").asLong()).isEqualTo(size);
  }

  @Test
  void acceptsJsonBatchesAndRefusesABadJsonEntryAlone() throws Exception {
    postProtobuf(List.of(coop.genesis()), 200);
    byte[] proposal = coop.propose("alice", "json", new Governed.Decision());
    String good = json(proposal);
    String badBase64 = "{\"body\":\"***\",\"signatures\":[]}";
    String vote = json(coop.vote("alice", CoopFixture.idOf(proposal), VoteChoice.YES));
    HttpResponse<String> response =
        post(
            "application/json",
            ("{\"entries\":[" + good + "," + badBase64 + "," + vote + "]}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode results = JSON.readTree(response.body()).get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("index").asLong()).isEqualTo(1);
    assertThat(results.get(1).get("error").asText()).isEqualTo("BAD_BASE64");
    assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
    assertThat(results.get(2).get("index").asLong()).isEqualTo(2);
  }

  @Test
  void refusesEmptyOversizedAndMalformedBatchesWhole() throws Exception {
    List<byte[]> tooMany = new ArrayList<>();
    tooMany.add(coop.genesis());
    for (int i = 0; i < LIMIT; i++) {
      tooMany.add(coop.propose("alice", "p" + i, new Governed.Decision()));
    }
    assertThat(error(post("application/x-protobuf", batchOf(tooMany)), 413))
        .isEqualTo("TOO_MANY_ENTRIES");
    assertThat(error(post("application/x-protobuf", batchOf(List.of())), 400))
        .isEqualTo("EMPTY_BODY");
    assertThat(error(post("application/json", "{\"entries\":[]}".getBytes()), 400))
        .isEqualTo("EMPTY_BATCH");
    assertThat(error(post("application/x-protobuf", new byte[] {(byte) 0xff, 1}), 400))
        .isEqualTo("MALFORMED_BATCH");
    assertThat(error(post("text/plain", "hello".getBytes()), 415))
        .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(get("/v1/node").get("treeSize").asLong()).as("nothing was written").isZero();
    // Exactly the limit is fine.
    JsonNode reply = postProtobuf(tooMany.subList(0, LIMIT), 200);
    assertThat(reply.get("accepted").asInt()).isEqualTo(LIMIT);
  }

  @Test
  void keepsOrderAcrossConsecutiveBatchesOfOneMember() throws Exception {
    postProtobuf(List.of(coop.genesis()), 200);
    byte[] proposal = coop.propose("alice", "order", new Governed.Decision());
    EntryId id = CoopFixture.idOf(proposal);
    postProtobuf(List.of(proposal), 200);
    long expected = 2;
    for (int round = 0; round < 3; round++) {
      List<byte[]> votes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        votes.add(coop.vote("tess", id, i % 2 == 0 ? VoteChoice.YES : VoteChoice.NO));
      }
      JsonNode reply = postProtobuf(votes, 200);
      for (JsonNode result : reply.get("results")) {
        assertThat(result.get("index").asLong()).isEqualTo(expected++);
      }
    }
  }

  private JsonNode postProtobuf(List<byte[]> entries, int status) throws Exception {
    HttpResponse<String> response = post("application/x-protobuf", batchOf(entries));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static byte[] batchOf(List<byte[]> entries) {
    SignedEntryBatch.Builder batch = SignedEntryBatch.newBuilder();
    for (byte[] entry : entries) {
      batch.addEntries(ByteString.copyFrom(entry));
    }
    return batch.build().toByteArray();
  }

  private HttpResponse<String> post(String type, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(node.uri().resolve("/v1/entries:batch"))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(node.uri() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String error(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body()).get("error").asText();
  }

  private static String json(byte[] signedEntry) throws Exception {
    SignedEntry entry = SignedEntry.parseFrom(signedEntry);
    StringBuilder out =
        new StringBuilder("{\"body\":\"")
            .append(Base64.getEncoder().encodeToString(entry.getBody().toByteArray()))
            .append("\",\"signatures\":[");
    for (int i = 0; i < entry.getSignaturesCount(); i++) {
      var s = entry.getSignatures(i);
      out.append(i == 0 ? "" : ",")
          .append("{\"keyId\":\"")
          .append(s.getKeyId())
          .append("\",\"algorithm\":\"ED25519\",\"signature\":\"")
          .append(Base64.getEncoder().encodeToString(s.getSignature().toByteArray()))
          .append("\"}");
    }
    return out.append("]}").toString();
  }
}
