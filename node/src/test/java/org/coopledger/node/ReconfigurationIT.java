package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.api.v1.PeerInfo;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.node.replication.Peer;
import org.coopledger.node.replication.Peers;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executed node change reconfigures the Raft group of real nodes in one JVM (each with its own
 * RocksDB, Raft log and HTTP server): a fourth node started with {@code join} is added once the
 * co-op executes the change naming it, catches up by replaying the log and takes writes; a node
 * removed by a later change leaves the group; a change whose vote fails changes nothing.
 */
class ReconfigurationIT {
  /** A majority of the votes, then one second: quick, and still a timelock to wait for. */
  static final String NODES_CLAUSE = "vote(quorum=50%, approve>50%, window=7d) & timelock(1s)";

  @TempDir Path dir;

  private final CoopFixture coop = CoopFixture.demoLive();
  private final Map<String, CoopNode> nodes = new LinkedHashMap<>();
  private final Map<String, Peer> peers = new LinkedHashMap<>();

  @AfterEach
  void stop() {
    nodes.values().forEach(CoopNode::close);
  }

  @Test
  void anExecutedChangeAddsAJoiningNodeAndAnotherRemovesANode() throws Exception {
    for (String id : List.of("node-1", "node-2", "node-3", "node-4")) {
      peers.put(
          id,
          new Peer(
              id,
              "127.0.0.1:" + FreePorts.pick(),
              URI.create("http://127.0.0.1:" + FreePorts.pick())));
    }
    Peers founders =
        new Peers(List.of(peers.get("node-1"), peers.get("node-2"), peers.get("node-3")));
    for (Peer peer : founders.all()) {
      start(peer.id(), founders, false);
    }
    String leader = ClusterIT.awaitOneLeader(apis());
    NodeClient api = NodeClient.of(nodes.get("node-1").uri());
    List<NetworkNode> founding = new ArrayList<>();
    for (Peer peer : founders.all()) {
      founding.add(networkNode(peer));
    }
    String rulebook =
        DefaultRulebook.forNetwork(3).with(ActionKind.NODES, Clause.parse(NODES_CLAUSE)).text();
    assertThat(api.postEntry(coop.genesis(rulebook, List.of(), founding)).status()).isEqualTo(201);

    // The fourth node starts outside the group and waits: nothing changes for the others.
    start("node-4", new Peers(List.copyOf(peers.values())), true);
    Thread.sleep(1500);
    assertThat(groupOf(leader)).containsExactly("node-1", "node-2", "node-3");
    assertThat(info(leader).peerMismatch()).isNull();
    for (int i = 0; i < 5; i++) {
      assertThat(
              api.postEntry(coop.propose("alice", "before " + i, new Governed.Decision())).status())
          .isEqualTo(201);
    }

    passAndExecute(api, new Governed.NodeChange("", networkNode(peers.get("node-4"))));
    awaitEveryNode(info -> info.peers().size() == 4 && info.peerMismatch() == null);
    NodeClient joined = NodeClient.of(nodes.get("node-4").uri());
    Reply viaNew = joined.postEntry(coop.propose("bob", "through node-4", new Governed.Decision()));
    assertThat(viaNew.status()).as(viaNew.body()).isEqualTo(201);
    ClusterIT.awaitConverged(apis(), viaNew.json().get("index").asLong() + 1);
    // The others learn where node-4 serves from its signed announcement, ask it to cosign, and it
    // asks them.
    String url = peers.get("node-4").restUrl().toString();
    awaitEveryNode(
        info ->
            info.peers().stream()
                .anyMatch(p -> p.peerId().equals("node-4") && url.equals(p.url())));
    awaitCosignedBy("node-1", "node-4");
    awaitCosignedBy("node-4", "node-1");

    // Remove a founding node that does not lead.
    leader = ClusterIT.awaitOneLeader(apis());
    String removed = leader.equals("node-2") ? "node-3" : "node-2";
    passAndExecute(api, new Governed.NodeChange(removed, null));
    CoopNode gone = nodes.remove(removed);
    awaitEveryNode(info -> info.peers().size() == 3 && info.peerMismatch() == null);
    assertThat(groupOf(ClusterIT.awaitOneLeader(apis())))
        .doesNotContain(removed)
        .contains("node-4");
    assertThat(NodeClient.of(gone.uri()).nodeInfo().peerMismatch()).contains("not in the node set");
    gone.close();
    Reply after =
        joined.postEntry(coop.propose("bob", "after the removal", new Governed.Decision()));
    assertThat(after.status()).as(after.body()).isEqualTo(201);
    ClusterIT.awaitConverged(apis(), after.json().get("index").asLong() + 1);

    // A change whose vote fails is not executed, and the group stays as it is.
    byte[] proposal =
        coop.propose(
            "alice", "eve", new Governed.NodeChange("", coop.node("eve", FreePorts.pick())));
    assertThat(api.postEntry(proposal).status()).isEqualTo(201);
    EntryId id = CoopFixture.idOf(proposal);
    for (String member : List.of("carol", "tess", "audrey")) {
      assertThat(api.postEntry(coop.vote(member, id, VoteChoice.NO)).status()).isEqualTo(201);
    }
    Thread.sleep(1200);
    // Executing it only closes it as rejected.
    Reply closed = api.postEntry(coop.execute("alice", id));
    assertThat(closed.status()).as(closed.body()).isEqualTo(201);
    assertThat(api.proposal(id.hex()).status()).isEqualTo("rejected");
    Thread.sleep(1500);
    for (NodeClient each : apis()) {
      NodeInfo info = each.nodeInfo();
      assertThat(info.peers()).extracting(PeerInfo::peerId).doesNotContain("eve").hasSize(3);
      assertThat(info.peerMismatch()).isNull();
    }
  }

  /**
   * Proposes {@code change}, has carol, tess and audrey vote yes, waits out the timelock, executes.
   */
  private void passAndExecute(NodeClient api, Governed change) throws Exception {
    byte[] proposal = coop.propose("alice", "nodes", change);
    Reply proposed = api.postEntry(proposal);
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    EntryId id = CoopFixture.idOf(proposal);
    for (String member : List.of("carol", "tess", "audrey")) {
      assertThat(api.postEntry(coop.vote(member, id, VoteChoice.YES)).status()).isEqualTo(201);
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    Reply executed = api.postEntry(coop.execute("alice", id));
    while (executed.status() != 201 && System.nanoTime() < deadline) {
      Thread.sleep(300);
      executed = api.postEntry(coop.execute("alice", id));
    }
    assertThat(executed.status()).as(executed.body()).isEqualTo(201);
  }

  /** Waits for a checkpoint of {@code id} that {@code witness} cosigned. */
  private void awaitCosignedBy(String id, String witness) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    Set<String> names = Set.of();
    while (System.nanoTime() < deadline) {
      // New entries make new checkpoints.
      NodeClient.of(nodes.get(id).uri())
          .postEntry(coop.propose("bob", "for a checkpoint", new Governed.Decision()));
      SignedNote note = SignedNote.parse(NodeClient.of(nodes.get(id).uri()).checkpoint());
      names = new HashSet<>();
      for (var line : note.signatures()) {
        names.add(line.name());
      }
      if (names.contains(witness)) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError(witness + " cosigned no checkpoint of " + id + "; last: " + names);
  }

  private void awaitEveryNode(Predicate<NodeInfo> condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    List<String> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = new ArrayList<>();
      boolean all = true;
      for (NodeClient each : apis()) {
        NodeInfo info = each.nodeInfo();
        seen.add(info.peerId() + ": " + info.peers().size() + " peers, " + info.peerMismatch());
        all &= condition.test(info);
      }
      if (all) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not every node got there: " + seen);
  }

  private Set<String> groupOf(String id) {
    Set<String> ids = new HashSet<>();
    info(id).peers().forEach(p -> ids.add(p.peerId()));
    return new java.util.TreeSet<>(ids);
  }

  private NodeInfo info(String id) {
    return NodeClient.of(nodes.get(id).uri()).nodeInfo();
  }

  private List<NodeClient> apis() {
    return nodes.values().stream().map(n -> NodeClient.of(n.uri())).toList();
  }

  private NetworkNode networkNode(Peer peer) {
    return new NetworkNode(
        peer.id(), NodeKey.loadOrCreate(dir.resolve(peer.id())).publicKey(), peer.raftAddress());
  }

  private void start(String id, Peers group, boolean join) {
    nodes.put(
        id,
        CoopNode.start(
            NodeConfig.builder()
                .dataDir(dir.resolve(id))
                .port(peers.get(id).restUrl().getPort())
                .coopId(coop.coopId())
                .peerId(id)
                .peers(group)
                .join(join)
                .checkpointEvery(20)
                .checkpointIntervalMillis(200)
                .build()));
  }
}
