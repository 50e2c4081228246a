package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.codec.SigningBytes;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.EntryOutcome;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.engine.StateMachine;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.proto.LedgerRecord;
import org.coopledger.governance.proto.SignedEntry;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node behind a proxy that lies in one way per test. Each lie must make {@code coop audit}
 * fail with exit code 5 and a message naming the problem; the honest proxy must pass.
 */
class AuditLiesIT {
  private static final int ENTRIES = 11;

  @TempDir static Path nodeDir;
  private static CoopNode node;
  private static String nodeUrl;
  private static CoopFixture coop;

  @TempDir Path trustDir;
  private LyingProxy proxy;

  @BeforeAll
  static void startNodeWithACoop() throws Exception {
    node =
        CoopNode.start(
            NodeConfig.defaults()
                .withDataDir(nodeDir.resolve("data"))
                .withPort(0)
                .withCheckpoints(1, 50));
    nodeUrl = node.uri().toString();
    NodeClient client = NodeClient.of(nodeUrl);
    coop =
        new CoopFixture(
            node.config().coopId(),
            "Audited",
            CoopFixture.DEMO_PEOPLE,
            System.currentTimeMillis() - 60_000);
    List<byte[]> entries = new ArrayList<>();
    entries.add(coop.genesis());
    byte[] proposal =
        coop.propose(
            "alice",
            "split",
            new Governed.SplitChange(
                List.of(
                    new Share(coop.id("alice"), 5000),
                    new Share(coop.id("bob"), 3000),
                    new Share(coop.id("carol"), 2000))));
    entries.add(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String creator : List.of("alice", "bob", "carol")) {
      entries.add(coop.approve(creator, id));
      entries.add(coop.vote(creator, id, VoteChoice.YES));
    }
    entries.add(coop.execute("alice", id));
    entries.add(coop.revenue("tess", 10_000, "EUR", "subscription"));
    entries.add(coop.revenue("tess", 3_333, "EUR", "workshop"));
    assertThat(entries).hasSize(ENTRIES);
    for (byte[] entry : entries) {
      client.submit(SignedEntryFile.apiJson(entry));
    }
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = LyingProxy.inFrontOf(nodeUrl);
    awaitCheckpointCovering(ENTRIES);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  @Test
  void honestNodePassesAndAuditsAgainConsistently() {
    CoopRunner.Result first = audit();
    CoopRunner.Result second = audit();

    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.OK);
    assertThat(first.out()).contains("audit passed: " + ENTRIES + " entries");
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.OK);
    assertThat(second.out()).contains("consistent with the checkpoint of size " + ENTRIES);
  }

  @Test
  void entryWithOneByteAlteredInItsSignedBodyIsNamed() {
    proxy.lie(path -> path.startsWith("/v1/entries?"), answer -> alterLeaf(answer, 5, 20));

    CoopRunner.Result result = audit();

    assertFailed(result, "ENTRY_REJECTED");
    assertThat(result.err()).contains("entry #5 ");
  }

  @Test
  void entryWithOneByteAlteredOutsideTheSignaturesIsLocatedByTheCheckpoint() {
    // The last bytes of a ledger record are its acceptance time (a 6-byte varint, lowest 7 bits
    // first): no member signature covers them. Moved by a millisecond it stays within what the
    // author signed, so only the Merkle root can tell, and the audit must still say which entry.
    long last = ENTRIES - 1;
    proxy.lie(path -> path.startsWith("/v1/entries?"), answer -> alterLeaf(answer, last, -6));

    CoopRunner.Result result = audit();

    assertFailed(result, "ROOT_MISMATCH");
    assertThat(result.err())
        .contains("entry #" + last + " is not the one the checkpoint commits to");
  }

  @Test
  void anAcceptedTimeMovedBeyondWhatTheAuthorSignedFailsTheReplay() {
    // The highest varint byte: the acceptance time moves by 2^35 ms (about a year), far past the
    // entry's signed expiry, and the replay refuses it whatever the node's checkpoint says.
    long last = ENTRIES - 1;
    proxy.lie(path -> path.startsWith("/v1/entries?"), answer -> alterLeaf(answer, last, -1));

    CoopRunner.Result result = audit();

    assertFailed(result, "ENTRY_REJECTED");
    assertThat(ruleCode(result)).isEqualTo("EXPIRED");
    assertThat(result.err()).contains("entry #" + last);
  }

  @Test
  void droppedEntryIsNamed() {
    proxy.lie(path -> path.startsWith("/v1/entries?"), answer -> dropEntry(answer, 4));

    CoopRunner.Result result = audit();

    assertFailed(result, "ENTRY_MISSING");
    assertThat(result.err()).contains("entry #4 is missing");
  }

  @Test
  void checkpointForARewrittenHistoryIsCaughtByConsistencyWithTheLastOneSeen() throws Exception {
    assertThat(audit().exitCode()).isEqualTo(ExitCode.OK);
    // The operator holds the node key, so it can sign a checkpoint for any history it likes:
    // here the same number of entries with entry #2 replaced, as if it had always been so.
    SigningKey nodeKey = NodeKey.loadOrCreate(nodeDir.resolve("data"));
    List<byte[]> leaves = leaves();
    leaves.set(2, leaves.get(3));
    InMemoryHashSource rewritten = InMemoryHashSource.ofEntries(leaves);
    String origin = node.origin().orElseThrow();
    String forged =
        new String(
            SignedCheckpoint.sign(
                    new Checkpoint(origin, leaves.size(), rewritten.root().bytes()),
                    NoteSigner.of(origin, nodeKey))
                .bytes(),
            StandardCharsets.UTF_8);
    proxy.lie(path -> path.startsWith("/v1/checkpoint"), answer -> answer.withText(forged));

    CoopRunner.Result result = audit();

    assertFailed(result, "HISTORY_REWRITTEN");
    assertThat(result.err()).contains("size " + ENTRIES);
  }

  @Test
  void changedNodeKeyIsALoudFailure() {
    assertThat(audit().exitCode()).isEqualTo(ExitCode.OK);
    SigningKey impostor = SigningKey.generate();
    String origin = node.origin().orElseThrow();
    NoteSigner signer = NoteSigner.of(origin, impostor);
    proxy.lie(
        path -> path.equals("/v1/node"),
        answer -> withField(answer, "verifierKey", signer.verifier().vkey()));
    proxy.lie(
        path -> path.startsWith("/v1/checkpoint"),
        answer -> answer.withText(resign(answer.text(), signer)));

    CoopRunner.Result result = audit();

    assertFailed(result, "NODE_KEY_CHANGED");
    assertThat(result.err()).contains("CHECKPOINT KEY HAS CHANGED");
  }

  @Test
  void checkpointNotSignedByTheNodesKeyIsRefused() {
    NoteSigner other = NoteSigner.of(node.origin().orElseThrow(), SigningKey.generate());
    proxy.lie(
        path -> path.startsWith("/v1/checkpoint"),
        answer -> answer.withText(resign(answer.text(), other)));

    CoopRunner.Result result = audit();

    assertFailed(result, "CHECKPOINT_SIGNATURE");
  }

  @Test
  void misreportedStateDigestIsCaught() {
    proxy.lie(
        path -> path.startsWith("/v1/state"),
        answer -> withField(answer, "stateDigest", "00".repeat(32)));

    CoopRunner.Result result = audit();

    assertFailed(result, "STATE_MISMATCH");
  }

  // The operator holds the node key: it can rebuild the Merkle tree over any list of records it
  // likes and sign a fresh, valid checkpoint for it. Each forgery below is served that way
  // (entries,
  // checkpoint and state all agree) to an auditor with a fresh trust directory, who has nothing to
  // compare with: only the members' signatures and the co-op's rules can catch it.

  @Test
  void operatorChangingTheAmountOfAMemberSignedRevenueIsCaught() throws Exception {
    List<byte[]> leaves = leaves();
    // Entry #9 is tess's revenue of 100.00 EUR; the operator makes it 10 000.00 EUR, validly
    // encoded, keeping tess's signature and the acceptance time.
    leaves.set(9, withRevenueAmount(leaves.get(9), 1_000_000));
    serveForgedHistory(leaves);

    CoopRunner.Result result = audit();

    assertFailed(result, "ENTRY_REJECTED");
    assertThat(ruleCode(result)).isEqualTo("BAD_SIGNATURE");
    assertThat(result.err()).contains("entry #9 ");
  }

  @Test
  void operatorSwappingTwoEntriesIsCaught() throws Exception {
    List<byte[]> leaves = leaves();
    // #7 is carol's vote, #8 the execute that needs it. Swapped (acceptance times restamped so
    // they still increase), the execute comes before the third vote the quorum needs.
    List<byte[]> swapped = new ArrayList<>(leaves);
    swapped.set(7, restamped(leaves.get(8), leaves.get(7)));
    swapped.set(8, restamped(leaves.get(7), leaves.get(8)));
    serveForgedHistory(swapped);

    CoopRunner.Result result = audit();

    assertFailed(result, "ENTRY_REJECTED");
    assertThat(ruleCode(result)).isEqualTo("CLAUSE_NOT_MET");
    assertThat(result.err()).contains("entry #7 ");
  }

  @Test
  void operatorInsertingAFabricatedEntryIsCaught() throws Exception {
    List<byte[]> leaves = leaves();
    // A revenue "by tess" that the operator signed with the only key it has, the node key.
    SigningKey nodeKey = NodeKey.loadOrCreate(nodeDir.resolve("data"));
    AcceptedEntry before = AcceptedEntry.fromBytes(leaves.get(9));
    byte[] body =
        EntryCodec.encodeBody(
            new Entry(
                node.config().coopId(),
                coop.key("tess").id(),
                100,
                before.acceptedAtMillis() - 1,
                0,
                new RecordRevenue(1_000_000, "EUR", "workshop", "")));
    byte[] fabricated =
        EntryCodec.encodeSigned(
            body,
            List.of(
                new EntrySignature(coop.key("tess").id(), nodeKey.sign(SigningBytes.of(body)))));
    leaves.add(9, new AcceptedEntry(fabricated, before.acceptedAtMillis()).toBytes());
    serveForgedHistory(leaves);

    CoopRunner.Result result = audit();

    assertFailed(result, "ENTRY_REJECTED");
    assertThat(ruleCode(result)).isEqualTo("BAD_SIGNATURE");
    assertThat(result.err()).contains("entry #9 ");
  }

  @Test
  void operatorDroppingAnEntryIsCaught() throws Exception {
    List<byte[]> leaves = leaves();
    // Without carol's approval (#6) the split's execute no longer has every beneficiary's.
    leaves.remove(6);
    serveForgedHistory(leaves);

    CoopRunner.Result result = audit();

    assertFailed(result, "ENTRY_REJECTED");
    assertThat(ruleCode(result)).isEqualTo("CLAUSE_NOT_MET");
    assertThat(result.err()).contains("entry #7 ");
  }

  @Test
  void operatorServingAnOlderCheckpointAfterANewerOneIsCaught() throws Exception {
    assertThat(audit().exitCode()).isEqualTo(ExitCode.OK);
    // Later the operator pretends the last three entries never happened: a valid prefix, a
    // checkpoint freshly signed for it, state at that size.
    serveForgedHistory(leaves().subList(0, ENTRIES - 3));

    CoopRunner.Result result = audit();

    assertFailed(result, "HISTORY_ROLLED_BACK");
    assertThat(result.err()).contains("size " + (ENTRIES - 3)).contains("size " + ENTRIES);
  }

  @Test
  void aShorterButValidHistoryPassesForAnAuditorWhoHasSeenNothingBefore() throws Exception {
    // The limit of a first audit, stated as a test: a prefix of the real ledger is a valid ledger.
    // Only a checkpoint remembered from before (above), a receipt or the anchor can show it is
    // short.
    serveForgedHistory(leaves().subList(0, ENTRIES - 3));

    CoopRunner.Result result = audit();

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("audit passed: " + (ENTRIES - 3) + " entries");
  }

  /**
   * Serves {@code leaves} as the whole ledger: pages of entries, a checkpoint over them signed with
   * the real node key, and the state reported at that size.
   */
  private void serveForgedHistory(List<byte[]> leaves) {
    SigningKey nodeKey = NodeKey.loadOrCreate(nodeDir.resolve("data"));
    String origin = node.origin().orElseThrow();
    InMemoryHashSource tree = InMemoryHashSource.ofEntries(leaves);
    String note =
        new String(
            SignedCheckpoint.sign(
                    new Checkpoint(origin, leaves.size(), tree.root().bytes()),
                    NoteSigner.of(origin, nodeKey))
                .bytes(),
            StandardCharsets.UTF_8);
    proxy.lie(path -> path.startsWith("/v1/checkpoint"), answer -> answer.withText(note));
    // The state digest a forger would report: its own replay of the forged records (as far as
    // they apply).
    CoopState state = CoopState.empty();
    for (byte[] leaf : leaves) {
      EntryOutcome outcome = StateMachine.apply(state, leaf, SignatureVerifier.CRYPTO);
      state = outcome.state();
    }
    String digest = state.digestHex();
    proxy.lie(
        path -> path.startsWith("/v1/state"),
        answer -> withField(withField(answer, "treeSize", leaves.size()), "stateDigest", digest));
    proxy.lie(path -> path.startsWith("/v1/entries?"), answer -> page(answer, leaves));
  }

  private static LyingProxy.Answer page(LyingProxy.Answer answer, List<byte[]> leaves) {
    java.net.URI uri = java.net.URI.create(answer.pathAndQuery());
    long start = 0;
    long limit = 100;
    for (String param : uri.getQuery().split("&")) {
      String[] kv = param.split("=", 2);
      if (kv[0].equals("start")) {
        start = Long.parseLong(kv[1]);
      } else if (kv[0].equals("limit")) {
        limit = Long.parseLong(kv[1]);
      }
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("start", start);
    out.put("treeSize", leaves.size());
    ArrayNode entries = out.putArray("entries");
    for (long i = start; i < Math.min(leaves.size(), start + limit); i++) {
      ObjectNode entry = entries.addObject();
      entry.put("index", i);
      entry.put("leaf", Base64.getEncoder().encodeToString(leaves.get((int) i)));
    }
    return write(answer, out);
  }

  /** The record with its revenue amount changed, re-encoded canonically; signatures kept. */
  private static byte[] withRevenueAmount(byte[] leaf, long amountMinor) throws Exception {
    LedgerRecord record = LedgerRecord.parseFrom(leaf);
    SignedEntry signed = SignedEntry.parseFrom(record.getSignedEntry());
    EntryBody body = EntryBody.parseFrom(signed.getBody());
    assertThat(body.hasRecordRevenue()).as("entry to alter is a revenue").isTrue();
    EntryBody altered =
        body.toBuilder()
            .setRecordRevenue(body.getRecordRevenue().toBuilder().setAmountMinor(amountMinor))
            .build();
    return record.toBuilder()
        .setSignedEntry(signed.toBuilder().setBody(altered.toByteString()).build().toByteString())
        .build()
        .toByteArray();
  }

  /** {@code entry}'s signed entry with {@code time}'s acceptance time. */
  private static byte[] restamped(byte[] entry, byte[] time) {
    return new AcceptedEntry(
            AcceptedEntry.fromBytes(entry).signedEntry(),
            AcceptedEntry.fromBytes(time).acceptedAtMillis())
        .toBytes();
  }

  private CoopRunner.Result audit() {
    return CoopRunner.plain()
        .run(
            "audit", "--node", proxy.url(), "--trust-dir", trustDir.toString(), "--page-size", "5");
  }

  /** The audit failed with exit code 5 and exactly {@code code} as the failed check's code. */
  private static void assertFailed(CoopRunner.Result result, String code) {
    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(failureCode(result)).as(result.err()).isEqualTo(code);
  }

  private static final Pattern FAILURE =
      Pattern.compile("^coop: VERIFICATION FAILED \\[([A-Z_]+)\\]: (.*)$", Pattern.MULTILINE);
  private static final Pattern RULE = Pattern.compile("under the co-op's rules \\(([A-Z_]+)\\)");

  /** The stable code of the check that failed, from the one failure line on stderr. */
  private static String failureCode(CoopRunner.Result result) {
    Matcher m = FAILURE.matcher(result.err());
    return m.find() ? m.group(1) : "(no failure line)";
  }

  /** For ENTRY_REJECTED: the engine's rejection code for the entry (docs/governance.md). */
  private static String ruleCode(CoopRunner.Result result) {
    Matcher line = FAILURE.matcher(result.err());
    if (!line.find()) {
      return "(no failure line)";
    }
    Matcher m = RULE.matcher(line.group(2));
    return m.find() ? m.group(1) : "(no rejection code)";
  }

  private static LyingProxy.Answer alterLeaf(LyingProxy.Answer answer, long index, int byteAt) {
    JsonNode page = read(answer);
    for (JsonNode entry : page.path("entries")) {
      if (entry.path("index").asLong() == index) {
        byte[] leaf = Base64.getDecoder().decode(entry.path("leaf").asText());
        int at = byteAt < 0 ? leaf.length + byteAt : byteAt;
        leaf[at] ^= 0x01;
        ((ObjectNode) entry).put("leaf", Base64.getEncoder().encodeToString(leaf));
      }
    }
    return write(answer, page);
  }

  private static LyingProxy.Answer dropEntry(LyingProxy.Answer answer, long index) {
    JsonNode page = read(answer);
    ArrayNode entries = (ArrayNode) page.path("entries");
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).path("index").asLong() == index) {
        entries.remove(i);
        break;
      }
    }
    return write(answer, page);
  }

  private static LyingProxy.Answer withField(LyingProxy.Answer answer, String field, Object value) {
    ObjectNode json = (ObjectNode) read(answer);
    json.set(field, Json.MAPPER.valueToTree(value));
    return write(answer, json);
  }

  private static String resign(String note, NoteSigner signer) {
    String body = note.substring(0, note.indexOf("\n\n") + 1);
    return new String(
        SignedCheckpoint.sign(Checkpoint.parse(body), signer).bytes(), StandardCharsets.UTF_8);
  }

  private static List<byte[]> leaves() {
    List<byte[]> leaves = new ArrayList<>();
    for (EntryResponse entry : NodeClient.of(nodeUrl).entries(0, ENTRIES).entries()) {
      leaves.add(entry.leafBytes());
    }
    return leaves;
  }

  private static void awaitCheckpointCovering(long size) throws InterruptedException {
    NodeClient client = NodeClient.of(nodeUrl);
    for (int i = 0; i < 100; i++) {
      if (client.nodeInfo().checkpointSize() >= size) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no checkpoint covered " + size + " entries in time");
  }

  private static JsonNode read(LyingProxy.Answer answer) {
    try {
      return Json.MAPPER.readTree(answer.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static LyingProxy.Answer write(LyingProxy.Answer answer, JsonNode json) {
    try {
      return answer.withBody(Json.MAPPER.writeValueAsBytes(json));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
