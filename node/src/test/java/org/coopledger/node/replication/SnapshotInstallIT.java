package org.coopledger.node.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopledger.api.v1.EntryPageResponse;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.api.v1.PeerInfo;
import org.coopledger.api.v1.SnapshotPosition;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.Cosigner;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.node.ledger.Ledger;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wiped node-2 rebuilds its store (real RocksDB) from what the leader, node-1, serves over HTTP.
 * node-1 here is a stand-in that serves a real co-op's records and checkpoint, and lies in each way
 * an operator could: every lie is refused with {@code SNAPSHOT_REJECTED}, naming what does not
 * hold, before anything is installed; the honest answer installs.
 */
class SnapshotInstallIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AppliedIndex POSITION = new AppliedIndex(3, 41);

  @TempDir Path dir;

  private final CoopFixture coop = CoopFixture.demo();
  private final Map<String, SigningKey> keys =
      Map.of(
          "node-1", SigningKey.generate(),
          "node-2", SigningKey.generate(),
          "node-3", SigningKey.generate());
  private HttpServer leader;
  private List<byte[]> records;
  private String origin;

  /** What the leader serves: its records, and its checkpoint of them. */
  private List<byte[]> served;

  private String checkpoint;

  @BeforeEach
  void aCoopWhoseGenesisNamesThreeNodes() throws IOException {
    records = recordsOf(coop, networkOf(keys));
    origin = LedgerOrigin.ofGenesisRecord(records.get(0));
    served = new ArrayList<>(records);
    checkpoint = checkpointOf(records, "node-1", "node-3");
    leader = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    leader.createContext("/", this::serve);
    leader.start();
  }

  @AfterEach
  void stopLeader() {
    leader.stop(0);
  }

  @Test
  void theLeadersVerifiedLedgerIsInstalledAtItsRaftPosition() throws Exception {
    try (LedgerStore store = LedgerStore.open(dir.resolve("wiped"))) {
      Ledger ledger = Ledger.open(store);

      Optional<SnapshotInstall.Installed> installed = install(store, ledger, keys.get("node-2"));

      assertThat(installed).isPresent();
      assertThat(installed.get().treeSize()).isEqualTo(records.size());
      assertThat(store.position()).isEqualTo(new LedgerStore.Position(records.size(), POSITION));
      assertThat(ledger.root(records.size()))
          .isEqualTo(InMemoryHashSource.ofEntries(records).root());
      assertThat(ledger.view().state().nodes()).containsKeys("node-1", "node-2", "node-3");
    }
  }

  @Test
  void aRecordWithAForgedSignatureIsRefused() {
    byte[] forged = served.get(3).clone();
    forged[forged.length - 20] ^= 1;
    served.set(3, forged);

    assertRefused("record 3 does not hold");
  }

  @Test
  void recordsInAnotherOrderAreRefusedBecauseTheRootIsNotTheCheckpoints() {
    // Each record still holds on its own: only the cosigned root shows the history differs.
    Collections.swap(served, 2, 3);

    assertRefused("is not the checkpoint's");
  }

  @Test
  void aCheckpointThatOnlyTheLeaderSignedIsRefused() {
    checkpoint = checkpointOf(records);

    assertRefused("cosigned by 2 nodes");
  }

  @Test
  void cosignaturesUnderNodeNamesByOtherKeysDoNotCount() {
    SignedCheckpoint signed = signed(records);
    for (String name : List.of("node-2", "node-3")) {
      signed = signed.cosign(Cosigner.of(name, SigningKey.generate()), 1_800_000_000L);
    }
    checkpoint = new String(signed.bytes(), StandardCharsets.UTF_8);

    assertRefused("cosigned by 2 nodes");
  }

  @Test
  void aLedgerThatDoesNotNameThisNodesKeyIsRefused() {
    // The leader serves a co-op (with all its signatures real) whose network has another node-2.
    assertRefusedFor(
        SigningKey.generate(), "does not name this node (node-2) with this node's key");
  }

  @Test
  void aLedgerOfAnotherCoopIsRefused() throws Exception {
    CoopFixture other =
        new CoopFixture("other-coop", "Other", CoopFixture.DEMO_PEOPLE, CoopFixture.DEMO_START);
    records = recordsOf(other, networkOf(keys));
    origin = LedgerOrigin.ofGenesisRecord(records.get(0));
    served = new ArrayList<>(records);
    checkpoint = checkpointOf(records, "node-1", "node-3");

    assertRefused("founds co-op 'other-coop', not this node's 'demo-coop'");
  }

  @Test
  void aCheckpointLargerThanTheStoreItCameWithIsRefused() {
    served = new ArrayList<>(records.subList(0, records.size() - 1));

    assertRefused("but its store holds");
  }

  @Test
  void aNewNetworkWhosePeersHoldNothingStartsWithoutInstalling() throws Exception {
    served = List.of();
    try (LedgerStore store = LedgerStore.open(dir.resolve("new"))) {
      assertThat(install(store, Ledger.open(store), keys.get("node-2"))).isEmpty();
      assertThat(store.treeSize()).isZero();
    }
  }

  // ---- helpers ----

  private void assertRefused(String detail) {
    assertRefusedFor(keys.get("node-2"), detail);
  }

  private void assertRefusedFor(SigningKey ownKey, String detail) {
    try (LedgerStore store = LedgerStore.open(dir.resolve("wiped"))) {
      Ledger ledger = Ledger.open(store);
      assertThatThrownBy(() -> install(store, ledger, ownKey))
          .isInstanceOf(ReplicationException.class)
          .hasMessageContaining(detail)
          .extracting(e -> ((CoopException) e).code())
          .isEqualTo(SnapshotInstall.SNAPSHOT_REJECTED);
    }
  }

  private Optional<SnapshotInstall.Installed> install(
      LedgerStore store, Ledger ledger, SigningKey ownKey) throws InterruptedException {
    Peers peers =
        new Peers(
            List.of(
                new Peer("node-1", "127.0.0.1:1", leaderUrl()),
                new Peer("node-2", "127.0.0.1:2", URI.create("http://127.0.0.1:1")),
                // node-3 is down: nothing listens there.
                new Peer("node-3", "127.0.0.1:3", URI.create("http://127.0.0.1:1"))));
    return new SnapshotInstall("demo-coop", "node-2", ownKey.publicKey(), peers, store, ledger)
        .run(Duration.ofSeconds(2));
  }

  private URI leaderUrl() {
    return URI.create("http://127.0.0.1:" + leader.getAddress().getPort());
  }

  private static List<NetworkNode> networkOf(Map<String, SigningKey> keys) {
    List<NetworkNode> nodes = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String name = "node-" + i;
      nodes.add(new NetworkNode(name, keys.get(name).publicKey(), "127.0.0.1:" + i));
    }
    return nodes;
  }

  /** The genesis and six proposals, as the ledger records them. */
  private static List<byte[]> recordsOf(CoopFixture coop, List<NetworkNode> nodes) {
    List<byte[]> entries = new ArrayList<>();
    entries.add(coop.genesis("", List.of(), nodes));
    for (int i = 0; i < 6; i++) {
      String author = i % 2 == 0 ? "alice" : "bob";
      entries.add(coop.propose(author, "decision " + i, new Governed.Decision()));
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      out.add(new AcceptedEntry(entries.get(i), CoopFixture.DEMO_START + 60_000 + i).toBytes());
    }
    return out;
  }

  private SignedCheckpoint signed(List<byte[]> leaves) {
    Hash root = InMemoryHashSource.ofEntries(leaves).root();
    return SignedCheckpoint.sign(
        new Checkpoint(origin, leaves.size(), root.bytes()),
        NoteSigner.of(origin, keys.get("node-1")));
  }

  private String checkpointOf(List<byte[]> leaves, String... cosigners) {
    SignedCheckpoint signed = signed(leaves);
    for (String name : cosigners) {
      signed = signed.cosign(Cosigner.of(name, keys.get(name)), 1_800_000_000L);
    }
    return new String(signed.bytes(), StandardCharsets.UTF_8);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = query(exchange.getRequestURI().getQuery());
      byte[] body;
      String type = "application/json";
      if (path.equals("/v1/node")) {
        PeerInfo self = new PeerInfo("node-1", "127.0.0.1:1", leaderUrl().toString());
        body =
            JSON.writeValueAsBytes(
                new NodeInfo(
                    origin,
                    "demo-coop",
                    "node-1",
                    null,
                    served.size(),
                    "",
                    served.size(),
                    !served.isEmpty(),
                    "LEADER",
                    3,
                    POSITION.index(),
                    "127.0.0.1:1",
                    self,
                    List.of(self),
                    null));
      } else if (path.equals("/v1/checkpoint")) {
        body = checkpoint.getBytes(StandardCharsets.UTF_8);
        type = "text/plain";
      } else if (path.equals("/v1/snapshot")) {
        body =
            JSON.writeValueAsBytes(
                new SnapshotPosition(served.size(), POSITION.term(), POSITION.index()));
      } else if (path.equals("/v1/entries")) {
        int start = Integer.parseInt(query.get("start"));
        int end = Math.min(served.size(), start + Integer.parseInt(query.get("limit")));
        List<EntryResponse> page = new ArrayList<>();
        for (int i = start; i < end; i++) {
          byte[] leaf = served.get(i);
          page.add(
              new EntryResponse(
                  i,
                  TreeHasher.leafHash(leaf).base64(),
                  Base64.getEncoder().encodeToString(leaf),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null));
        }
        body = JSON.writeValueAsBytes(new EntryPageResponse(start, served.size(), end, page));
      } else {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, String> query(String query) {
    Map<String, String> out = new java.util.HashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        out.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return out;
  }
}
