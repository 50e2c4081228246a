package org.coopledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.api.v1.PeerInfo;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The co-op changes its network of real node processes ({@link LocalNetwork}, as {@code coop
 * testnet up} runs it) by proposal, under load: a fourth node started with {@code --join true} is
 * added by an executed node change, catches up by replaying the log, converges and cosigns; a later
 * change removes a founding node, which leaves the Raft group. {@code coop audit} passes after each
 * step, no acknowledged entry is lost, and the nodes left converge on one root.
 */
class NetworkReconfigurationIT {
  /** A majority of the votes, then one second: quick, and still a timelock to wait for. */
  private static final String NODES_CLAUSE =
      "vote(quorum=50%, approve>50%, window=7d) & timelock(1s)";

  private static final List<String> WRITERS = List.of("alice", "bob");

  @TempDir static Path dir;
  private static LocalNetwork network;

  private final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final Map<String, CoopFixture> signers = new ConcurrentHashMap<>();
  private final Map<String, Path> keys = new ConcurrentHashMap<>();

  /** The nodes the load writes through: members of the Raft group. */
  private final Set<String> writable = ConcurrentHashMap.newKeySet();

  @AfterAll
  static void stop() {
    if (network != null) {
      network.close();
    }
  }

  @Test
  void aFourthNodeIsAddedByProposalUnderLoadAndAFoundingNodeRemovedWhileTheAuditPasses()
      throws Exception {
    network =
        LocalNetwork.start(
            dir.resolve("net"),
            3,
            "demo-coop",
            List.of("--checkpoint-interval-ms", "300", "--write-timeout", "8s"));
    network.awaitLeader(Duration.ofSeconds(120));
    for (String member : WRITERS) {
      signers.put(member, CoopFixture.demoLive());
    }
    CoopFixture governor = CoopFixture.demoLive();
    for (String member : List.of("carol", "tess", "audrey")) {
      Path key = dir.resolve(member + ".pem");
      Files.writeString(key, governor.key(member).toPem());
      keys.put(member, key);
    }
    List<NetworkNode> founding = new ArrayList<>();
    for (LocalNetwork.Node node : network.nodes()) {
      founding.add(networkNode(node));
    }
    String rulebook =
        DefaultRulebook.forNetwork(3).with(ActionKind.NODES, Clause.parse(NODES_CLAUSE)).text();
    URI first = network.nodes().get(0).url();
    // alice's writer signs the genesis (its author): it counts her nonces.
    JsonNode genesis =
        postUntilAnswered(first, signers.get("alice").genesis(rulebook, List.of(), founding));
    assertThat(inLedger(genesis) || "ALREADY_FOUNDED".equals(genesis.path("error").asText()))
        .as(genesis.toString())
        .isTrue();

    network.nodes().forEach(node -> writable.add(node.id()));
    try (Load load = new Load()) {
      load.awaitAcknowledged(30);
      audit(load, first);

      // A fourth node: its operator starts it, the co-op adds it.
      LocalNetwork.Node fourth = network.add("node-4");
      NodeKey.loadOrCreate(fourth.data());
      network.restart("node-4");
      long started = System.nanoTime() + 120_000_000_000L;
      while (LocalNetwork.probe(fourth.url()).isEmpty() && System.nanoTime() < started) {
        Thread.sleep(200);
      }
      assertThat(LocalNetwork.probe(fourth.url())).as("node-4 serves").isPresent();
      assertThat(info(first).peers()).extracting(PeerInfo::peerId).hasSize(3);
      // As its members would: carol proposes with `coop propose node`, which first checks that
      // the node at --url is the one described, then the members vote and carol executes.
      String proposal =
          coop(
              "propose",
              "node",
              "--add",
              "node-4",
              "--node-key",
              fourth.data().resolve(NodeKey.FILE_NAME).toString(),
              "--raft-address",
              fourth.raftAddress(),
              "--url",
              fourth.url().toString(),
              "--title",
              "node-4 joins",
              "--node",
              first.toString(),
              "--key",
              keys.get("carol").toString(),
              "-q");
      long addedAt = passAndExecute(proposal, first);
      long sizeThen = info(first).treeSize();
      awaitEveryNode(info -> info.peers().size() == 4 && info.peerMismatch() == null);
      long inGroup = System.nanoTime();
      long catchUpDeadline = inGroup + 120_000_000_000L;
      while (info(fourth.url()).treeSize() < sizeThen && System.nanoTime() < catchUpDeadline) {
        Thread.sleep(50);
      }
      assertThat(info(fourth.url()).treeSize())
          .as("node-4 caught up")
          .isGreaterThanOrEqualTo(sizeThen);
      System.out.printf(
          "FIGURES reconfiguration: node-4 in the group of every node %d ms after the change was"
              + " executed, its tree at the size of then (%d entries) after %d ms%n",
          (inGroup - addedAt) / 1_000_000, sizeThen, (System.nanoTime() - addedAt) / 1_000_000);
      writable.add("node-4");
      load.awaitAcknowledged(acknowledged.size() + 30);
      awaitConverged(acknowledgedSize());
      awaitCosignedBy("node-1", "node-4");
      awaitCosignedBy("node-4", "node-1");
      audit(load, first);
      audit(load, fourth.url());

      // Remove the node that leads: it hands over once the change is committed.
      String removed = network.awaitLeader(Duration.ofSeconds(30));
      URI via = fourth.url();
      writable.remove(removed);
      String removal =
          coop(
              "propose",
              "node",
              "--remove",
              removed,
              "--title",
              removed + " leaves",
              "--node",
              via.toString(),
              "--key",
              keys.get("carol").toString(),
              "-q");
      long removedAt = passAndExecute(removal, via);
      LocalNetwork.Node gone = network.node(removed);
      System.out.printf(
          "network reconfiguration: removing %s, which led when the change was proposed; it is"
              + " now %s%n",
          removed, info(gone.url()).role());
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!String.valueOf(info(gone.url()).peerMismatch()).contains("not in the node set")
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(info(gone.url()).peerMismatch()).contains("not in the node set");
      awaitEveryNode(info -> info.peers().size() == 3 || info.peerId().equals(removed));
      System.out.printf(
          "FIGURES reconfiguration: %s out of the group %d ms after the change was executed%n",
          removed, (System.nanoTime() - removedAt) / 1_000_000);
      network.retire(removed);
      awaitEveryNode(
          info ->
              info.peers().size() == 3
                  && info.peerMismatch() == null
                  && info.peers().stream().noneMatch(p -> p.peerId().equals(removed)));
      // The others name the removed leader until their election timeout runs out (it sends them
      // nothing more), which can be after it is gone: wait for the leader they elect next.
      String next = network.awaitLeader(Duration.ofSeconds(30));
      long electedBy = System.nanoTime() + 30_000_000_000L;
      while (next.equals(removed) && System.nanoTime() < electedBy) {
        Thread.sleep(100);
        next = network.awaitLeader(Duration.ofSeconds(30));
      }
      assertThat(next).as("the new leader").isNotEqualTo(removed);
      load.awaitAcknowledged(acknowledged.size() + 30);
    }
    awaitNothingLostAndOneRoot();
    for (LocalNetwork.Node node : network.nodes()) {
      audit(null, node.url());
    }
  }

  private NetworkNode networkNode(LocalNetwork.Node node) {
    return new NetworkNode(
        node.id(), NodeKey.loadOrCreate(node.data()).publicKey(), node.raftAddress());
  }

  /**
   * carol, tess and audrey vote yes on {@code proposal} and carol executes it once the timelock
   * ran, all with the {@code coop} commands; returns when the execution was acknowledged ({@link
   * System#nanoTime()}).
   */
  private long passAndExecute(String proposal, URI node) throws Exception {
    for (String member : List.of("carol", "tess", "audrey")) {
      coop(
          "vote", proposal, "yes", "--node", node.toString(), "--key", keys.get(member).toString());
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      CoopRunner.Result executed =
          run(
              "execute",
              proposal,
              "--node",
              node.toString(),
              "--key",
              keys.get("carol").toString());
      if (executed.exitCode() == ExitCode.OK || executed.err().contains("ALREADY_EXECUTED")) {
        return System.nanoTime();
      }
      assertThat(System.nanoTime()).as(executed.err()).isLessThan(deadline);
      Thread.sleep(300);
    }
  }

  /** Runs a {@code coop} command with the network's trust directory; it must succeed. */
  private static String coop(String... args) throws InterruptedException {
    CoopRunner.Result result = run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
    return result.out().strip();
  }

  /** Runs a {@code coop} command, again while the network answers 503 (an election). */
  private static CoopRunner.Result run(String... args) throws InterruptedException {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--trust-dir";
    all[args.length + 1] = dir.resolve("trust").toString();
    long deadline = System.nanoTime() + 60_000_000_000L;
    CoopRunner.Result result = CoopRunner.plain().run(all);
    while (result.exitCode() == ExitCode.UNREACHABLE && System.nanoTime() < deadline) {
      Thread.sleep(300);
      result = CoopRunner.plain().run(all);
    }
    return result;
  }

  /** 201, or 409: a retry of an entry that is in the ledger already. */
  private static boolean inLedger(JsonNode reply) {
    return reply.get("status").asInt() == 201 || reply.get("status").asInt() == 409;
  }

  private static boolean executedOrDone(JsonNode reply) {
    return inLedger(reply) || "ALREADY_EXECUTED".equals(reply.path("error").asText());
  }

  /** Posts, retrying a 503 (an election) or a timeout (a busy machine) with the same entry. */
  private static JsonNode postUntilAnswered(URI node, byte[] entry) throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (true) {
      try {
        JsonNode reply = NetworkFaultsIT.post(node, entry);
        if (reply.get("status").asInt() != 503 || System.nanoTime() > deadline) {
          return reply;
        }
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(200);
    }
  }

  /**
   * {@code coop audit} through {@code node}, with one trust directory for the whole network. The
   * load pauses meanwhile: under load a node's state may run ahead of its latest checkpoint for
   * longer than the audit waits, which it answers STATE_UNAVAILABLE, "audit again when the ledger
   * is quieter".
   */
  private static void audit(Load load, URI node) throws InterruptedException {
    if (load != null) {
      load.paused.set(true);
    }
    try {
      CoopRunner.Result result = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        result =
            CoopRunner.plain()
                .run(
                    "audit",
                    "--node",
                    node.toString(),
                    "--trust-dir",
                    dir.resolve("trust").toString());
        if (!result.err().contains("STATE_UNAVAILABLE")) {
          break;
        }
      }
      assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
      System.out.println(
          "network reconfiguration: audit through " + node + ": " + lastLine(result));
    } finally {
      if (load != null) {
        load.paused.set(false);
      }
    }
  }

  private static String lastLine(CoopRunner.Result result) {
    String[] lines = result.out().strip().split("\n");
    return lines[lines.length - 1];
  }

  private static Optional<NodeInfo> probe(URI node) {
    try {
      return Optional.of(info(node));
    } catch (org.coopledger.api.client.NodeUnavailableException e) {
      return Optional.empty();
    }
  }

  private static NodeInfo info(URI node) {
    return NodeClient.of(node).nodeInfo();
  }

  private static void awaitEveryNode(Predicate<NodeInfo> condition) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    List<String> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = new ArrayList<>();
      boolean all = true;
      for (LocalNetwork.Node node : network.nodes()) {
        Optional<NodeInfo> info = probe(node.url());
        seen.add(
            node.id()
                + ": "
                + info.map(i -> i.peers().size() + " peers, " + i.peerMismatch()).orElse("down"));
        all &= info.isPresent() && condition.test(info.get());
      }
      if (all) {
        return;
      }
      Thread.sleep(100);
    }
    StringBuilder logs = new StringBuilder();
    for (LocalNetwork.Node node : network.nodes()) {
      logs.append("\n--- ").append(node.id()).append(":\n").append(network.logTail(node));
    }
    throw new AssertionError("not every node got there: " + seen + logs);
  }

  /** Waits for a checkpoint of {@code id} with a cosignature of {@code witness}. */
  private static void awaitCosignedBy(String id, String witness) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    Set<String> names = Set.of();
    NodeClient api = NodeClient.of(network.node(id).url());
    while (System.nanoTime() < deadline) {
      names = new HashSet<>();
      for (var line : SignedNote.parse(api.checkpoint()).signatures()) {
        names.add(line.name());
      }
      if (names.contains(witness)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(witness + " cosigned no checkpoint of " + id + "; last: " + names);
  }

  private long acknowledgedSize() {
    return acknowledged.keySet().stream().mapToLong(i -> i + 1).max().orElse(1);
  }

  private static void awaitConverged(long size) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    Set<String> trees = new HashSet<>();
    while (System.nanoTime() < deadline) {
      trees.clear();
      long smallest = Long.MAX_VALUE;
      for (LocalNetwork.Node node : network.nodes()) {
        NodeInfo info = info(node.url());
        trees.add(info.treeSize() + "/" + info.rootHash());
        smallest = Math.min(smallest, info.treeSize());
      }
      if (trees.size() == 1 && smallest >= size) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the nodes did not converge at or above " + size + ": " + trees);
  }

  /** Every acknowledged entry on every node with its acknowledged leaf hash; one root. */
  private void awaitNothingLostAndOneRoot() throws Exception {
    assertThat(refusals).as("valid entries refused").isEmpty();
    long size = acknowledgedSize();
    awaitConverged(size);
    for (LocalNetwork.Node node : network.nodes()) {
      NodeClient api = NodeClient.of(node.url());
      Map<Long, String> leaves = new java.util.HashMap<>();
      for (long start = 0; start < size; start += 1000) {
        api.entries(start, 1000).entries().forEach(e -> leaves.put(e.index(), e.leafHash()));
      }
      for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
        assertThat(leaves.get(ack.getKey()))
            .as("entry %d on %s", ack.getKey(), node.id())
            .isEqualTo(ack.getValue());
      }
    }
    System.out.printf(
        "network reconfiguration: %d acknowledged entries on all %d nodes, one root%n",
        acknowledged.size(), network.nodes().size());
  }

  /** Writers, one per author, posting new proposals to the live nodes of the network in turn. */
  private final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean paused = new AtomicBoolean(false);
    private final List<Thread> threads = new ArrayList<>();

    Load() {
      for (int i = 0; i < WRITERS.size(); i++) {
        String author = WRITERS.get(i);
        int offset = i;
        threads.add(Thread.ofPlatform().name("load-" + author).start(() -> write(author, offset)));
      }
    }

    private void write(String author, int offset) {
      CoopFixture signer = signers.get(author);
      int n = offset;
      long count = 0;
      while (running.get()) {
        List<LocalNetwork.Node> nodes = network.nodes();
        LocalNetwork.Node node = nodes.get(n++ % nodes.size());
        if (paused.get()) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
        if (!node.alive() || !writable.contains(node.id())) {
          continue;
        }
        byte[] entry = signer.propose(author, author + " " + count++, new Governed.Decision());
        try {
          JsonNode reply = NetworkFaultsIT.post(node.url(), entry);
          int status = reply.get("status").asInt();
          if (status == 201) {
            acknowledged.put(reply.get("index").asLong(), reply.get("leafHash").asText());
          } else if (status < 500) {
            refusals.add(node.id() + ": " + status + " " + reply);
          }
        } catch (IOException e) {
          // Stopping or not yet serving: the next node.
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void awaitAcknowledged(int count) throws InterruptedException {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (acknowledged.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "only " + acknowledged.size() + " of " + count + " acknowledged; " + refusals);
        }
        Thread.sleep(20);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
    }
  }
}
