package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.proto.SignedEntry;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad submission gets its own 4xx and stable code, never a 5xx, and leaves the ledger
 * as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
  private static final int MAX_BODY = 64 * 1024;

  @TempDir static Path data;

  private CoopNode node;
  private NodeClient api;
  private final CoopFixture coop = CoopFixture.demoLive();
  private long size;

  @BeforeAll
  void start() {
    NodeConfig config =
        NodeConfig.builder()
            .dataDir(data)
            .port(0)
            .coopId(coop.coopId())
            .maxBodyBytes(MAX_BODY)
            .maxPageSize(50)
            .build();
    node = CoopNode.start(config);
    api = NodeClient.of(node.uri());
    assertThat(api.postEntry(coop.genesis()).status()).isEqualTo(201);
    size = node.treeSize();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void malformedJsonIsRefusedAsBadJson() {
    expect(api.postEntry("{\"body\": "), 400, "BAD_JSON");
    expect(api.postEntry("[1,2]"), 400, "BAD_JSON");
    expect(api.postEntry("{\"body\": 12}"), 400, "BAD_JSON");
  }

  @Test
  void bodyThatIsNotBase64IsRefused() {
    expect(api.postEntry("{\"body\": \"***\", \"signatures\": []}"), 400, "BAD_BASE64");
  }

  @Test
  void unknownJsonFieldsAreRefused() {
    expect(api.postEntry("{\"body\": \"AA==\", \"extra\": 1}"), 400, "UNKNOWN_FIELD");
    expect(
        api.postEntry(
            "{\"body\": \"AA==\", \"signatures\": [{\"keyId\": \"a\", \"algorithm\": \"ED25519\","
                + " \"signature\": \"AA==\", \"x\": 2}]}"),
        400,
        "UNKNOWN_FIELD");
  }

  @Test
  void unknownSignatureAlgorithmIsRefused() {
    expect(
        api.postEntry(
            "{\"body\": \"AA==\", \"signatures\": [{\"keyId\": \"a\", \"algorithm\": \"RSA\","
                + " \"signature\": \"AA==\"}]}"),
        400,
        "UNSUPPORTED_ALGORITHM");
  }

  @Test
  void malformedProtobufIsRefusedAsMalformedEntry() {
    expect(api.postEntry(new byte[] {(byte) 0xff, 0x01, 0x02}), 400, "MALFORMED_ENTRY");
    expect(api.postEntry("just text".getBytes(StandardCharsets.UTF_8)), 400, "MALFORMED_ENTRY");
  }

  @Test
  void unknownProtobufFieldsAreRefusedAsUnknownField() throws Exception {
    byte[] good = coop.propose("alice", "with extra field", new Governed.Decision());
    byte[] extra = Arrays.copyOf(good, good.length + 3);
    // Field 15, varint 1: valid protobuf, unknown to SignedEntry.
    extra[good.length] = 0x78;
    extra[good.length + 1] = 0x01;
    extra = Arrays.copyOf(extra, good.length + 2);
    SignedEntry.parseFrom(extra); // still parses as protobuf
    expect(api.postEntry(extra), 400, "UNKNOWN_FIELD");
  }

  @Test
  void emptyAndOversizedBodiesAreRefused() {
    expect(api.postEntry(new byte[0]), 400, "EMPTY_BODY");
    expect(api.postEntry(new byte[MAX_BODY + 1]), 413, "BODY_TOO_LARGE");
    expect(api.postEntry(new byte[3 * MAX_BODY]), 413, "BODY_TOO_LARGE");
  }

  @Test
  void unsupportedMediaTypeIsRefused() {
    expect(
        api.post("/v1/entries", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void badSignatureIsRefused() {
    byte[] entry = coop.propose("alice", "forged", new Governed.Decision());
    SignedEntry parsed = parse(entry);
    byte[] signature = parsed.getSignatures(0).getSignature().toByteArray();
    signature[0] ^= 1;
    byte[] forged =
        parsed.toBuilder()
            .setSignatures(
                0,
                parsed.getSignatures(0).toBuilder()
                    .setSignature(com.google.protobuf.ByteString.copyFrom(signature)))
            .build()
            .toByteArray();
    expect(api.postEntry(forged), 422, "BAD_SIGNATURE");
  }

  @Test
  void anExpenseWhoseReceiptHashIsNotSha256HexIsRefusedWithItsOwnCode() throws Exception {
    String receipt = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    byte[] entry =
        coop.propose(
            "carol",
            "posters",
            new Governed.Expense(coop.id("carol"), 4_250, "EUR", receipt, "promotion", ""));
    // A client that writes its own entries: the same claim with an upper-case hash, signed.
    var body =
        org.coopledger.governance.proto.EntryBody.parseFrom(parse(entry).getBody()).toBuilder();
    body.getCreateProposalBuilder().getExpenseBuilder().setReceiptSha256(receipt.toUpperCase());
    byte[] bytes = body.build().toByteArray();
    var key = coop.key("carol");
    byte[] forged =
        EntryCodec.encodeSigned(
            bytes,
            List.of(
                new org.coopledger.governance.codec.EntrySignature(
                    key.id(), key.sign(org.coopledger.governance.codec.SigningBytes.of(bytes)))));
    expect(api.postEntry(forged), 400, "BAD_RECEIPT_HASH");
  }

  @Test
  void tierRevenueAndPriceListsOfTheWrongShapeOrWithoutATierAreRefusedWithTheirOwnCodes() {
    // No tier is defined (the rulebook has no tier clause): a region names no tier's price.
    expect(
        api.postEntry(coop.subscription("tess", 500, "EUR", "supporter", "eu", 1)),
        422,
        "UNKNOWN_TIER");
    expect(
        api.postEntry(
            coop.propose(
                "alice",
                "supporter tier",
                new Governed.TierChange(
                    "supporter",
                    List.of(new org.coopledger.governance.action.RegionPrice("eu", 500, "EUR"))))),
        422,
        "NOT_ALLOWED");
    // A client that writes its own entries: a region that is no region name, a region priced twice.
    byte[] revenue = coop.subscription("tess", 500, "EUR", "supporter", "eu", 1);
    expect(
        api.postEntry(
            resign("tess", revenue, body -> body.getRecordRevenueBuilder().setRegion("EU/West"))),
        400,
        "INVALID_ACTION");
    byte[] tier =
        coop.propose(
            "alice",
            "twice",
            new Governed.TierChange(
                "supporter",
                List.of(new org.coopledger.governance.action.RegionPrice("eu", 500, "EUR"))));
    expect(
        api.postEntry(
            resign(
                "alice",
                tier,
                body ->
                    body.getCreateProposalBuilder()
                        .getTierChangeBuilder()
                        .addPrices(
                            org.coopledger.governance.proto.RegionPrice.newBuilder()
                                .setRegion("eu")
                                .setAmountMinor(100)
                                .setCurrency("EUR")))),
        400,
        "INVALID_ACTION");
  }

  /** {@code entry} with its body changed by {@code change}, signed again by {@code author}. */
  private byte[] resign(
      String author,
      byte[] entry,
      java.util.function.Consumer<org.coopledger.governance.proto.EntryBody.Builder> change) {
    try {
      var body =
          org.coopledger.governance.proto.EntryBody.parseFrom(parse(entry).getBody()).toBuilder();
      change.accept(body);
      byte[] bytes = body.build().toByteArray();
      var key = coop.key(author);
      return EntryCodec.encodeSigned(
          bytes,
          List.of(
              new org.coopledger.governance.codec.EntrySignature(
                  key.id(), key.sign(org.coopledger.governance.codec.SigningBytes.of(bytes)))));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void missingSignatureIsRefused() {
    byte[] entry = coop.propose("bob", "unsigned", new Governed.Decision());
    byte[] unsigned = EntryCodec.encodeSigned(parse(entry).getBody().toByteArray(), List.of());
    expect(api.postEntry(unsigned), 422, "MISSING_SIGNATURE");
  }

  @Test
  void entryForAnotherCoopIsRefused() {
    CoopFixture other = new CoopFixture("other-coop", "Other", CoopFixture.DEMO_PEOPLE, 0);
    expect(
        api.postEntry(other.propose("alice", "elsewhere", new Governed.Decision())),
        422,
        "WRONG_COOP");
    expect(api.postEntry(other.genesis()), 422, "WRONG_COOP");
  }

  @Test
  void aCopyOfAnAcceptedEntryGetsItsReceiptAgainAndChangesNothing() {
    byte[] entry = coop.propose("carol", "once only", new Governed.Decision());
    Reply first = api.postEntry(entry);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("duplicate").asBoolean()).isFalse();
    size = node.treeSize();
    String root = api.get("/v1/node").json().get("rootHash").asText();

    // A client retrying after a timeout sends the same signed bytes again.
    Reply again = api.postEntry(entry);

    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    for (String field : List.of("index", "leafHash", "treeSize", "entryId", "receipt")) {
      assertThat(again.json().get(field)).as(field).isEqualTo(first.json().get(field));
    }
    assertThat(node.treeSize()).as("nothing appended").isEqualTo(size);
    assertThat(api.get("/v1/node").json().get("rootHash").asText()).isEqualTo(root);
  }

  @Test
  void anotherEntryReusingAnAcceptedNonceIsRefusedAsReplayedNonce() {
    byte[] entry = coop.propose("carol", "the first with its nonce", new Governed.Decision());
    Reply first = api.postEntry(entry);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    size = node.treeSize();
    byte[] replay =
        coop.reusingNonce(
            entry, new CreateProposal("the second with that nonce", "", new Governed.Decision()));
    expect(api.postEntry(replay), 409, "REPLAYED_NONCE");
  }

  @Test
  void expiredEntryIsRefused() {
    byte[] entry =
        coop.sign(
            "tess",
            new org.coopledger.governance.action.CastVote(
                new EntryId("0".repeat(64)), VoteChoice.YES, ""),
            CoopFixture.DEMO_START + 1);
    expect(api.postEntry(entry), 422, "EXPIRED");
  }

  @Test
  void voteOnUnknownProposalIsRefused() {
    expect(
        api.postEntry(coop.vote("audrey", new EntryId("ab".repeat(32)), VoteChoice.YES)),
        422,
        "UNKNOWN_PROPOSAL");
  }

  @Test
  void executingWithoutTheClauseMetIsRefused() {
    byte[] proposal =
        coop.propose(
            "alice",
            "all to alice",
            new Governed.SplitChange(List.of(new Share(coop.id("alice"), 10_000))));
    Reply created = api.postEntry(proposal);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    size = node.treeSize();
    expect(api.postEntry(coop.execute("alice", CoopFixture.idOf(proposal))), 422, "CLAUSE_NOT_MET");
  }

  @Test
  void badQueryParametersAndMissingEntriesAreClientErrors() {
    expectGet("/v1/entries/abc", 400, "BAD_PARAMETER");
    expectGet("/v1/entries/-1", 400, "BAD_PARAMETER");
    expectGet("/v1/entries/999999", 404, "ENTRY_NOT_FOUND");
    expectGet("/v1/entries?limit=51", 400, "BAD_PARAMETER");
    expectGet("/v1/entries?limit=0", 400, "BAD_PARAMETER");
    expectGet("/v1/proofs/inclusion", 400, "BAD_PARAMETER");
    expectGet("/v1/proofs/inclusion?index=5&treeSize=1", 400, "BAD_PARAMETER");
    expectGet("/v1/proofs/inclusion?index=0&treeSize=999", 400, "BAD_PARAMETER");
    expectGet("/v1/proofs/consistency?from=3&to=1", 400, "BAD_PARAMETER");
    expectGet("/v1/checkpoint?treeSize=12345", 404, "CHECKPOINT_NOT_FOUND");
    expectGet("/v1/no-such-thing", 404, "NO_SUCH_ROUTE");
    expectGet("/v1/proposals/not-an-id", 400, "BAD_PARAMETER");
  }

  @Test
  void aProposalThatNamesItsOwnVotersIsRefusedAsAnUnknownField() throws Exception {
    // alice signs a decision carrying the removed vote_weights field (3) naming only herself,
    // encoded in canonical field order as an old client would have.
    var body =
        org.coopledger.governance.proto.EntryBody.parseFrom(
            parse(coop.propose("alice", "mine alone", new Governed.Decision())).getBody());
    var weights = new java.io.ByteArrayOutputStream();
    var out = com.google.protobuf.CodedOutputStream.newInstance(weights);
    out.writeString(1, body.getCreateProposal().getTitle());
    var weight = new java.io.ByteArrayOutputStream();
    var w = com.google.protobuf.CodedOutputStream.newInstance(weight);
    w.writeString(1, coop.id("alice").hex());
    w.writeUInt64(2, 1);
    w.flush();
    out.writeByteArray(3, weight.toByteArray());
    out.writeByteArray(
        org.coopledger.governance.proto.CreateProposal.DECISION_FIELD_NUMBER,
        org.coopledger.governance.proto.Decision.getDefaultInstance().toByteArray());
    out.flush();
    var forged = new java.io.ByteArrayOutputStream();
    forged.write(body.toBuilder().clearCreateProposal().build().toByteArray());
    var f = com.google.protobuf.CodedOutputStream.newInstance(forged);
    f.writeByteArray(
        org.coopledger.governance.proto.EntryBody.CREATE_PROPOSAL_FIELD_NUMBER,
        weights.toByteArray());
    f.flush();
    byte[] bodyBytes = forged.toByteArray();
    byte[] signed =
        EntryCodec.encodeSigned(
            bodyBytes,
            List.of(
                new org.coopledger.governance.codec.EntrySignature(
                    coop.key("alice").id(),
                    coop.key("alice")
                        .sign(org.coopledger.governance.codec.SigningBytes.of(bodyBytes)))));

    Reply reply = api.postEntry(signed);
    expect(reply, 400, "UNKNOWN_FIELD");
    assertThat(reply.json().get("message").asText()).contains("vote_weights");
  }

  private void expect(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.json().get("error").asText()).as(reply.body()).isEqualTo(code);
    assertThat(reply.json().get("message").asText()).isNotBlank();
    assertThat(node.treeSize()).as("the ledger is unchanged").isEqualTo(size);
  }

  private void expectGet(String path, int status, String code) {
    Reply reply = api.get(path);
    assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(status);
    assertThat(reply.json().get("error").asText()).isEqualTo(code);
  }

  private static SignedEntry parse(byte[] entry) {
    try {
      return SignedEntry.parseFrom(entry);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
