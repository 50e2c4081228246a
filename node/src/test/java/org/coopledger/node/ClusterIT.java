package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.api.v1.InclusionProofResponse;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.api.v1.PeerInfo;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.Receipt;
import org.coopledger.governance.checkpoint.SignedReceipt;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.ProofVerifier;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.node.replication.Peer;
import org.coopledger.node.replication.Peers;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes in one Raft group (each with its own RocksDB, Raft log and HTTP server on
 * 127.0.0.1): every node takes writes (followers forward them to the leader), serves reads and
 * proofs from its own store, and says in {@code /v1/node} who leads.
 */
class ClusterIT {
  private static final int NODES = 3;

  @TempDir Path dir;

  private final CoopFixture coop = CoopFixture.demoLive();
  private final List<CoopNode> nodes = new ArrayList<>();
  private long snapshotEvery = 1000;

  @AfterEach
  void stop() {
    nodes.forEach(CoopNode::close);
  }

  @Test
  void everyNodeTakesWritesAndAllConvergeToOneTree() throws Exception {
    startCluster();
    List<NodeClient> apis = nodes.stream().map(n -> NodeClient.of(n.uri())).toList();
    String leader = awaitOneLeader(apis);
    NodeClient follower = followerOf(apis, leader);

    // The genesis entry goes in through a follower: forwarded to the leader, applied everywhere.
    Reply genesis = follower.postEntry(coop.genesis());
    assertThat(genesis.status()).as(genesis.body()).isEqualTo(201);
    assertThat(genesis.json().get("receipt").asText()).isNotBlank();
    // ...and the node that answered has it in its own store at once.
    assertThat(follower.get("/v1/entries/0").status()).isEqualTo(200);
    assertReceiptNamesTheStoredRecord(follower, genesis);

    int perNode = 10;
    for (int i = 0; i < perNode; i++) {
      for (NodeClient api : apis) {
        Reply reply =
            api.postEntry(
                coop.propose("alice", "via " + api.url() + " " + i, new Governed.Decision()));
        assertThat(reply.status()).as(api.url() + ": " + reply.body()).isEqualTo(201);
        long index = reply.json().get("index").asLong();
        assertThat(api.get("/v1/entries/" + index).status())
            .as("read-your-write on " + api.url())
            .isEqualTo(200);
        assertReceiptNamesTheStoredRecord(api, reply);
      }
    }
    long size = 1 + (long) perNode * NODES;
    String root = awaitConverged(apis, size);

    for (NodeClient api : apis) {
      NodeInfo info = api.nodeInfo();
      assertThat(info.leader().peerId()).isEqualTo(leader);
      assertThat(info.role()).isEqualTo(info.peerId().equals(leader) ? "LEADER" : "FOLLOWER");
      assertThat(info.peers()).hasSize(NODES);
      assertThat(info.peers()).extracting(PeerInfo::url).doesNotContainNull();
      assertThat(info.appliedIndex()).isPositive();
      // A proof from this node's own store checks against the common root.
      InclusionProofResponse proof = api.inclusionProof(7, size);
      List<Hash> path = new ArrayList<>();
      proof.hashes().forEach(h -> path.add(Hash.fromBase64(h)));
      ProofVerifier.verifyInclusion(
          7, size, Hash.fromBase64(proof.leafHash()), path, Hash.fromBase64(root));
    }
  }

  @Test
  void aBadEntrySentToAFollowerIsRefusedThereAndChangesNoLedger() throws Exception {
    startCluster();
    List<NodeClient> apis = nodes.stream().map(n -> NodeClient.of(n.uri())).toList();
    NodeClient follower = followerOf(apis, awaitOneLeader(apis));
    assertThat(follower.postEntry(coop.genesis()).status()).isEqualTo(201);
    byte[] forged = coop.propose("alice", "forged", new Governed.Decision());
    forged[forged.length - 1] ^= 1;
    Reply reply = follower.postEntry(forged);
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().get("error").asText()).isEqualTo("BAD_SIGNATURE");
    assertThat(awaitConverged(apis, 1)).isNotBlank();
  }

  /**
   * The receipt a node signs names the record it serves at that index: its leaf hash and its
   * acceptance time, which a follower learns from the leader's reply, not from its own store.
   */
  private static void assertReceiptNamesTheStoredRecord(NodeClient api, Reply reply) {
    NoteVerifier nodeKey = NoteVerifier.parse(api.nodeInfo().verifierKey());
    Receipt receipt = SignedReceipt.verify(reply.json().get("receipt").asText(), nodeKey).receipt();
    long index = reply.json().get("index").asLong();
    byte[] record =
        Base64.getDecoder().decode(api.getJson("/v1/entries/" + index).get("leaf").asText());
    assertThat(receipt.index()).isEqualTo(index);
    assertThat(receipt.leafHash())
        .as("leaf hash, " + api.url())
        .isEqualTo(TreeHasher.leafHash(record));
    assertThat(receipt.acceptedAtMillis())
        .as("accepted time, " + api.url())
        .isEqualTo(AcceptedEntry.fromBytes(record).acceptedAtMillis());
  }

  /**
   * A follower that was down while the leader's log moved on and was purged (snapshot markers every
   * 5 entries, 8 entries preserved below the latest) cannot get what it lacks by log replay: the
   * leader has it no more. Ratis tells it to install a snapshot instead; it fetches the records it
   * lacks from the leader, verifies and applies them, checks the root against a checkpoint the
   * network cosigned, and then follows the log from the leader's position.
   */
  @Test
  void aFollowerBehindTheStartOfTheLeadersPurgedLogCatchesUpFromTheLeadersRecords()
      throws Exception {
    Behind behind = aFollowerBehindThePurge();
    behind.restart();
    awaitConverged(behind.apis, 311);
    // ...and it follows the log from there: new entries reach it by replication.
    write(behind.leaderApi(), 10, "after");
    awaitConverged(behind.apis, 321);
    assertThat(behind.api().nodeInfo().appliedIndex()).isGreaterThan(behind.firstKept);
  }

  /**
   * The leader stops just as the follower behind its purged log comes back: the follower catches up
   * from the next leader (whose log is purged too) and follows it. Ratis refuses the log while it
   * waits for the state machine to install a snapshot, so a catch-up that kept Ratis waiting could
   * leave the follower refusing the next leader's log for good.
   */
  @Test
  void aFollowerCatchingUpFollowsTheNextLeaderWhenTheLeaderStops() throws Exception {
    Behind behind = aFollowerBehindThePurge();
    behind.restart();
    nodes.get(behind.leader).close();
    List<NodeClient> running = new ArrayList<>(behind.apis);
    running.remove(behind.leader);
    String next = awaitOneLeader(running);
    NodeClient nextApi =
        running.stream().filter(a -> a.nodeInfo().peerId().equals(next)).findFirst().orElseThrow();
    write(nextApi, 10, "after the leader stopped");
    awaitConverged(running, 321);

    behind.restart(behind.leader);
    write(nextApi, 10, "with all three");
    awaitConverged(behind.apis, 331);
  }

  /** A 3-node network whose follower {@code index} is down while the leader purged its log. */
  private Behind aFollowerBehindThePurge() throws Exception {
    snapshotEvery = 5;
    List<Peer> peers = startCluster();
    List<NodeClient> apis = nodes.stream().map(n -> NodeClient.of(n.uri())).toList();
    String leader = awaitOneLeader(apis);
    int leaderIndex =
        java.util.stream.IntStream.range(0, NODES)
            .filter(i -> peers.get(i).id().equals(leader))
            .findFirst()
            .orElseThrow();
    NodeClient leaderApi = apis.get(leaderIndex);
    List<NetworkNode> founding = new ArrayList<>();
    for (Peer peer : peers) {
      founding.add(
          new NetworkNode(
              peer.id(),
              NodeKey.loadOrCreate(dir.resolve(peer.id())).publicKey(),
              peer.raftAddress()));
    }
    Reply genesis =
        leaderApi.postEntry(
            coop.genesis(DefaultRulebook.forNetwork(NODES).text(), List.of(), founding));
    assertThat(genesis.status()).as(genesis.body()).isEqualTo(201);
    write(leaderApi, 10, "before");
    awaitConverged(apis, 11);

    int index = (leaderIndex + 1) % NODES;
    String follower = peers.get(index).id();
    long followerApplied = apis.get(index).nodeInfo().appliedIndex();
    nodes.get(index).close();
    write(leaderApi, 300, "while " + follower + " is down");
    long firstKept = firstLogIndex(dir.resolve(leader).resolve("raft"));
    assertThat(firstKept)
        .as(
            "the leader purged the log that %s lacks (it applied up to %d)",
            follower, followerApplied)
        .isGreaterThan(followerApplied + 1);
    return new Behind(peers, apis, leaderIndex, index, firstKept);
  }

  private final class Behind {
    final List<Peer> peers;
    final List<NodeClient> apis;
    final int leader;
    final int index;
    final long firstKept;

    Behind(List<Peer> peers, List<NodeClient> apis, int leader, int index, long firstKept) {
      this.peers = peers;
      this.apis = apis;
      this.leader = leader;
      this.index = index;
      this.firstKept = firstKept;
    }

    NodeClient leaderApi() {
      return apis.get(leader);
    }

    NodeClient api() {
      return apis.get(index);
    }

    void restart() {
      restart(index);
    }

    void restart(int node) {
      String id = peers.get(node).id();
      nodes.set(
          node, CoopNode.start(config(dir.resolve(id), id, peers.get(node), new Peers(peers))));
    }
  }

  private void write(NodeClient api, int count, String what) {
    for (int i = 0; i < count; i++) {
      Reply reply = api.postEntry(coop.propose("alice", what + " " + i, new Governed.Decision()));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }
  }

  /**
   * The first index of the Raft log that a node keeps (its oldest segment file's start). Lists the
   * log directory only: the snapshot directory beside it changes while the node runs.
   */
  private static long firstLogIndex(Path raft) throws IOException {
    long first = Long.MAX_VALUE;
    try (var groups = java.nio.file.Files.list(raft)) {
      for (Path group : groups.toList()) {
        Path current = group.resolve("current");
        if (!java.nio.file.Files.isDirectory(current)) {
          continue;
        }
        try (var files = java.nio.file.Files.list(current)) {
          first =
              Math.min(
                  first,
                  files
                      .map(f -> f.getFileName().toString())
                      .filter(n -> n.startsWith("log_"))
                      .mapToLong(
                          n ->
                              Long.parseLong(
                                  n.replace("log_inprogress_", "")
                                      .replace("log_", "")
                                      .split("-")[0]))
                      .min()
                      .orElse(Long.MAX_VALUE));
        }
      }
    }
    return first == Long.MAX_VALUE ? -1 : first;
  }

  private List<Peer> startCluster() throws IOException {
    List<Peer> peers = new ArrayList<>();
    List<Integer> httpPorts = new ArrayList<>();
    for (int i = 1; i <= NODES; i++) {
      int http = FreePorts.pick();
      httpPorts.add(http);
      peers.add(
          new Peer(
              "node-" + i,
              "127.0.0.1:" + FreePorts.pick(),
              URI.create("http://127.0.0.1:" + http)));
    }
    Peers group = new Peers(peers);
    // One after another (Helidon's metrics set-up is not safe to run concurrently in one JVM);
    // a node of a group serves HTTP without waiting for a leader, so none waits for the others.
    for (int i = 0; i < NODES; i++) {
      String id = "node-" + (i + 1);
      nodes.add(CoopNode.start(config(dir.resolve(id), id, peers.get(i), group)));
    }
    return peers;
  }

  private NodeConfig config(Path data, String peerId, Peer self, Peers group) {
    return NodeConfig.builder()
        .dataDir(data)
        .port(self.restUrl().getPort())
        .snapshotEvery(snapshotEvery)
        .coopId(coop.coopId())
        .peerId(peerId)
        .peers(group)
        .checkpointEvery(20)
        .checkpointIntervalMillis(100)
        .build();
  }

  /** Waits until every node names the same leader, and returns its peer id. */
  static String awaitOneLeader(List<NodeClient> apis) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Set<String> leaders = new HashSet<>();
      for (NodeClient api : apis) {
        PeerInfo leader = api.nodeInfo().leader();
        leaders.add(leader == null ? null : leader.peerId());
      }
      if (leaders.size() == 1 && !leaders.contains(null)) {
        return leaders.iterator().next();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the nodes agreed on no leader within 30 s");
  }

  private static NodeClient followerOf(List<NodeClient> apis, String leader) {
    return apis.stream()
        .filter(a -> !a.nodeInfo().peerId().equals(leader))
        .findFirst()
        .orElseThrow();
  }

  /** Waits until every node has {@code size} entries with one root, and returns that root. */
  static String awaitConverged(List<NodeClient> apis, long size) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<String> seen = List.of();
    while (System.nanoTime() < deadline) {
      Set<String> roots = new HashSet<>();
      List<String> now = new ArrayList<>();
      for (NodeClient api : apis) {
        NodeInfo info = api.nodeInfo();
        now.add(info.treeSize() + "/" + info.rootHash());
        if (info.treeSize() == size) {
          roots.add(info.rootHash());
        }
      }
      seen = now;
      int agreeing = roots.size() == 1 ? 1 : 0;
      if (agreeing == 1 && now.stream().allMatch(s -> s.startsWith(size + "/"))) {
        return roots.iterator().next();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the nodes did not converge to size " + size + ": " + seen);
  }
}
