package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.trust.TrustStore;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.Cosigner;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.Receipt;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.checkpoint.SignedReceipt;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.node.CoopNode;
import org.coopledger.node.FreePorts;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.node.replication.Peer;
import org.coopledger.node.replication.Peers;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes (RocksDB, Ratis, HTTP) of a co-op whose genesis names them: every node cosigns
 * the others' checkpoints, and {@code coop audit} takes the nodes' keys and the witness policy
 * ({@code witnesses: 2 of nodes}) from its own replay of the ledger. A lying operator in front of
 * one node (a proxy) fails the audit with a specific code each way it tries.
 */
class NetworkWitnessIT {
  private static final int NODES = 3;
  private static final Pattern FAILURE =
      Pattern.compile("^coop: VERIFICATION FAILED \\[([A-Z_]+)\\]: (.*)$", Pattern.MULTILINE);

  @TempDir static Path dir;
  private static final List<CoopNode> nodes = new ArrayList<>();
  private static CoopFixture coop;
  private static long size;
  private static Peers group;
  private static List<Integer> httpPorts;

  @TempDir Path trustDir;
  private LyingProxy proxy;

  @BeforeAll
  static void startANetworkAndFoundACoopThatNamesIt() throws Exception {
    coop = CoopFixture.demoLive();
    List<Peer> peers = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (int i = 1; i <= NODES; i++) {
      int http = FreePorts.pick();
      ports.add(http);
      peers.add(
          new Peer(
              "node-" + i,
              "127.0.0.1:" + FreePorts.pick(),
              URI.create("http://127.0.0.1:" + http)));
    }
    group = new Peers(peers);
    httpPorts = ports;
    for (int i = 0; i < NODES; i++) {
      nodes.add(CoopNode.start(config(i)));
    }
    List<NetworkNode> network = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      network.add(
          new NetworkNode(
              peers.get(i).id(),
              NodeKey.loadOrCreate(dir.resolve(peers.get(i).id())).publicKey(),
              peers.get(i).raftAddress()));
    }
    List<NodeClient> apis = apis();
    awaitLeader(apis.get(0));
    List<byte[]> entries = new ArrayList<>();
    entries.add(coop.genesis("", List.of(), network));
    for (int i = 0; i < 8; i++) {
      entries.add(coop.propose("alice", "decision " + i, new Governed.Decision()));
    }
    for (int i = 0; i < entries.size(); i++) {
      apis.get(i % NODES).submit(SignedEntryFile.apiJson(entries.get(i)));
    }
    size = entries.size();
  }

  private static NodeConfig config(int i) {
    String id = "node-" + (i + 1);
    return NodeConfig.builder()
        .dataDir(dir.resolve(id))
        .port(httpPorts.get(i))
        .coopId(coop.coopId())
        .peerId(id)
        .peers(group)
        .checkpointEvery(5)
        .checkpointIntervalMillis(100)
        .build();
  }

  @AfterAll
  static void stopNodes() {
    nodes.forEach(CoopNode::close);
  }

  @BeforeEach
  void awaitCosignedCheckpoints() throws Exception {
    for (NodeClient api : apis()) {
      awaitCosigned(api, size, NODES);
    }
    proxy = LyingProxy.inFrontOf(nodes.get(0).uri().toString());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  @Test
  void everyNodesCheckpointIsCosignedByTheNetworkAndAuditsThroughAnyNodeWithOneTrustDirectory() {
    for (CoopNode node : nodes) {
      CoopRunner.Result result = audit(node.uri().toString());
      assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
      assertThat(result.out()).contains("cosigned by 3 of its 3 nodes");
      assertThat(result.out()).contains("the rulebook asks for 2");
    }
  }

  @Test
  void aCheckpointAWitnessMissedIsCosignedOnceItIsBackWithoutAnotherWrite() throws Exception {
    NodeClient first = NodeClient.of(nodes.get(0).uri());
    String leader = first.getJson("/v1/node").get("leader").asText();
    int down = leader.equals("node-3") ? 1 : 2;
    String missing = "node-" + (down + 1);
    nodes.get(down).close();
    byte[] entry = coop.propose("alice", "while " + missing + " is down", new Governed.Decision());
    assertThat(first.submit(SignedEntryFile.apiJson(entry)).get("index").asLong()).isEqualTo(size);
    size++;
    awaitCosigned(first, size, NODES - 1);

    // Back, with nothing written since: node-1 offers the same checkpoint again.
    nodes.set(down, CoopNode.start(config(down)));
    awaitCosigned(first, size, NODES);
    assertThat(first.checkpoint()).contains("— " + missing + " ");
  }

  @Test
  void aCheckpointOnlyItsOwnNodeCosignedFailsNamingTheMissingWitnesses() {
    proxy.lie(
        path -> path.startsWith("/v1/checkpoint"),
        answer -> answer.withText(keepLines(answer.text(), "node-1")));

    CoopRunner.Result result = audit(proxy.url());

    assertFailed(result, "TOO_FEW_COSIGNATURES");
    assertThat(result.err()).contains("missing: node-2, node-3");
  }

  @Test
  void aForgedCosignatureUnderANodesNameFailsTheAudit() {
    proxy.lie(
        path -> path.startsWith("/v1/checkpoint"),
        answer -> answer.withText(flipLastSignatureByte(answer.text(), "node-2")));

    assertFailed(audit(proxy.url()), "BAD_COSIGNATURE");
  }

  @Test
  void cosignaturesByKeysOutsideTheNetworkDoNotCount() {
    // The operator makes up two witnesses called node-2 and node-3 with keys of its own.
    proxy.lie(
        path -> path.startsWith("/v1/checkpoint"),
        answer -> {
          SignedCheckpoint real = parse(answer.text());
          SignedCheckpoint lie = parse(keepLines(answer.text(), "node-1"));
          for (String name : List.of("node-2", "node-3")) {
            lie = lie.cosign(Cosigner.of(name, SigningKey.generate()), nowSeconds());
          }
          assertThat(lie.checkpoint()).isEqualTo(real.checkpoint());
          return answer.withBody(lie.bytes());
        });

    CoopRunner.Result result = audit(proxy.url());

    assertFailed(result, "TOO_FEW_COSIGNATURES");
    assertThat(result.err()).contains("missing: node-2, node-3");
  }

  @Test
  void aWitnessRefusesACheckpointOfAnotherTreeOverTheWitnessProtocol() throws Exception {
    SigningKey key = NodeKey.loadOrCreate(dir.resolve("node-1"));
    String origin = nodes.get(0).origin().orElseThrow();
    byte[] root = new byte[32];
    String note =
        new String(
            SignedCheckpoint.sign(new Checkpoint(origin, size, root), NoteSigner.of(origin, key))
                .bytes(),
            StandardCharsets.UTF_8);
    var http = java.net.http.HttpClient.newHttpClient();
    var response =
        http.send(
            java.net.http.HttpRequest.newBuilder(nodes.get(1).uri().resolve("/add-checkpoint"))
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "old 0\n\n" + note, StandardCharsets.UTF_8))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    // node-1 has cosigned checkpoints with node-2 before: the old size is not 0.
    assertThat(response.statusCode()).isEqualTo(409);
    long latest = Long.parseLong(response.body().strip());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
    assertThat(latest).isEqualTo(size);
    response =
        http.send(
            java.net.http.HttpRequest.newBuilder(nodes.get(1).uri().resolve("/add-checkpoint"))
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "old " + latest + "\n\n" + note, StandardCharsets.UTF_8))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(409); // same size, another root
  }

  @Test
  void aReceiptSignedByAnotherNodeOfTheNetworkIsAccepted() throws Exception {
    CoopRunner.Result first = submit(nodes.get(0).uri().toString(), "through node-1");
    assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCode.OK);
    assertThat(first.err()).contains("pinned the key of ledger");

    CoopRunner.Result second = submit(nodes.get(1).uri().toString(), "through node-2");
    CoopRunner.Result third = submit(nodes.get(2).uri().toString(), "through node-3");

    assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(ExitCode.OK);
    assertThat(second.out()).contains("accepted as entry #", "signed receipt kept in");
    assertThat(third.exitCode()).as(third.out() + third.err()).isEqualTo(ExitCode.OK);
    CoopRunner.Result mine =
        CoopRunner.plain()
            .run(
                "audit",
                "--node",
                nodes.get(2).uri().toString(),
                "--trust-dir",
                trustDir.toString(),
                "--mine");
    assertThat(mine.out() + mine.err()).contains("receipts of yours hold");
  }

  @Test
  void aReceiptSignedByAKeyThatIsNotANodesIsRefused() throws Exception {
    CoopRunner.Result first = submit(nodes.get(0).uri().toString(), "pins node-1");
    assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCode.OK);
    // A node that lies about its key, in /v1/node and in the receipts it signs.
    try (LyingProxy liar = LyingProxy.inFrontOf(nodes.get(1).uri().toString())) {
      NoteSigner fake = NoteSigner.of(nodes.get(0).origin().orElseThrow(), SigningKey.generate());
      liar.lie(
          path -> path.startsWith("/v1/node"),
          answer -> {
            ObjectNode json = (ObjectNode) readJson(answer.text());
            json.put("verifierKey", fake.verifier().vkey());
            return answer.withText(json.toString());
          });
      liar.lie(path -> path.startsWith("/v1/entries"), answer -> resign(answer, fake));
      liar.lie(
          path -> path.startsWith("/v1/checkpoint"),
          answer -> {
            SignedNote note = SignedNote.parse(answer.text());
            List<org.coopledger.governance.checkpoint.NoteSignature> lines = new ArrayList<>();
            lines.add(fake.sign(note.text()));
            note.signatures().stream()
                .filter(l -> !l.name().equals(fake.name()))
                .forEach(lines::add);
            return answer.withText(new SignedNote(note.text(), lines).encode());
          });

      assertFailed(submit(liar.url(), "through a lying node"), TrustStore.NODE_KEY_CHANGED);
    }
    // The same lie, but the node serves its real key: the audit passes, the receipt still fails.
    try (LyingProxy liar = LyingProxy.inFrontOf(nodes.get(1).uri().toString())) {
      NoteSigner fake = NoteSigner.of(nodes.get(0).origin().orElseThrow(), SigningKey.generate());
      liar.lie(path -> path.startsWith("/v1/entries"), answer -> resign(answer, fake));

      CoopRunner.Result result = submit(liar.url(), "through a lying node again");

      assertFailed(result, TrustStore.NODE_KEY_CHANGED);
      assertThat(result.err()).contains("nor by a node of the co-op's network");
    }
  }

  // ---- helpers ----

  /** Signs a proposal by alice, submits it with {@code coop submit} through {@code url}. */
  private CoopRunner.Result submit(String url, String title) throws Exception {
    Path file = trustDir.resolve(title.replace(' ', '-') + ".entry");
    SignedEntryFile.write(file, coop.propose("alice", title, new Governed.Decision()));
    CoopRunner.Result result =
        CoopRunner.plain()
            .run("submit", file.toString(), "--node", url, "--trust-dir", trustDir.toString());
    size++; // the real node behind accepted it, whatever the CLI made of the answer
    return result;
  }

  /** The 201 answer with its receipt signed by {@code fake} instead of the node. */
  private static LyingProxy.Answer resign(LyingProxy.Answer answer, NoteSigner fake) {
    if (answer.status() != 201) {
      return answer;
    }
    ObjectNode json = (ObjectNode) readJson(answer.text());
    String note = json.get("receipt").asText();
    Receipt receipt = Receipt.parse(SignedNote.parse(note).text());
    json.put("receipt", SignedReceipt.sign(receipt, fake).text());
    return answer.withText(json.toString());
  }

  private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private CoopRunner.Result audit(String url) {
    return CoopRunner.plain()
        .run("audit", "--node", url, "--trust-dir", trustDir.toString(), "--page-size", "4");
  }

  private static void assertFailed(CoopRunner.Result result, String code) {
    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(failureCode(result)).as(result.err()).isEqualTo(code);
  }

  private static String failureCode(CoopRunner.Result result) {
    Matcher m = FAILURE.matcher(result.err());
    return m.find() ? m.group(1) : "(no failure line)";
  }

  private static List<NodeClient> apis() {
    return nodes.stream().map(n -> NodeClient.of(n.uri())).toList();
  }

  private static SignedCheckpoint parse(String note) {
    SignedNote parsed = SignedNote.parse(note);
    return new SignedCheckpoint(Checkpoint.parse(parsed.text()), parsed);
  }

  /** The note with only the log's signature and the cosignature lines of {@code witnesses}. */
  private static String keepLines(String note, String... witnesses) {
    SignedNote parsed = SignedNote.parse(note);
    String origin = Checkpoint.parse(parsed.text()).origin();
    List<org.coopledger.governance.checkpoint.NoteSignature> lines = new ArrayList<>();
    for (var line : parsed.signatures()) {
      if (line.name().equals(origin) || List.of(witnesses).contains(line.name())) {
        lines.add(line);
      }
    }
    return new SignedNote(parsed.text(), lines).encode();
  }

  private static String flipLastSignatureByte(String note, String witness) {
    SignedNote parsed = SignedNote.parse(note);
    List<org.coopledger.governance.checkpoint.NoteSignature> lines = new ArrayList<>();
    for (var line : parsed.signatures()) {
      if (line.name().equals(witness)) {
        byte[] sig = line.signature();
        sig[sig.length - 1] ^= 1;
        line =
            new org.coopledger.governance.checkpoint.NoteSignature(
                line.name(), line.keyHash(), sig);
      }
      lines.add(line);
    }
    return new SignedNote(parsed.text(), lines).encode();
  }

  private static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  private static void awaitLeader(NodeClient api) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (!api.getJson("/v1/node").get("leader").isNull()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no leader in 30 s");
  }

  /** Waits until the node serves a checkpoint of {@code size} with {@code cosignatures} lines. */
  private static void awaitCosigned(NodeClient api, long size, int cosignatures)
      throws InterruptedException {
    String last = "";
    for (int i = 0; i < 300; i++) {
      try {
        last = api.checkpoint();
        SignedNote note = SignedNote.parse(last);
        if (Checkpoint.parse(note.text()).size() == size
            && note.signatures().size() == 1 + cosignatures) {
          return;
        }
      } catch (RuntimeException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        api.url() + " served no cosigned checkpoint of size " + size + ": " + last);
  }
}
