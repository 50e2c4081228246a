package org.coopledger.testnet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.coopledger.api.client.NodeClient;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.node.CoopNode;
import org.coopledger.node.FreePorts;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.node.replication.Peer;
import org.coopledger.node.replication.Peers;
import org.coopledger.testkit.CoopFixture;
import org.coopledger.testnet.load.BatchLoadGenerator;
import org.coopledger.testnet.load.LoadGenerator;
import org.coopledger.testnet.load.LoadResult;
import org.coopledger.testnet.load.VoteLoad;

/**
 * {@code coop bench --nodes N}: a network of N nodes (in this process, each with its own data
 * directory, RocksDB, Raft server and HTTP port on 127.0.0.1) against one node in the same run,
 * batch mode through the leader, and how long a node that is {@code --catch-up-entries} behind
 * takes to catch up: after it was down while they arrived (by log replay, or from the leader's
 * records for what the leader's log no longer holds), and by installing the ledger from the leader
 * (its data directory wiped); and how long a level node takes to restart, on the ledger of the
 * first run and on the longer one after the catch-up. Every rate is also printed as a ratio to this
 * machine's Ed25519 verify rate measured in the same run; nothing here is asserted.
 */
final class NetworkBench {
  private static final int MEMBERS = VoteLoad.MAX_MEMBERS;

  private final PrintStream out;
  private final int nodes;
  private final int entries;
  private final int warmup;
  private final int batchSize;
  private final int batchStreams;
  private final int catchUpEntries;
  private final Duration verifyTime;

  NetworkBench(
      PrintStream out,
      int nodes,
      int entries,
      int warmup,
      int batchSize,
      int batchStreams,
      int catchUpEntries,
      Duration verifyTime) {
    this.out = out;
    this.nodes = nodes;
    this.entries = entries;
    this.warmup = warmup;
    this.batchSize = batchSize;
    this.batchStreams = batchStreams;
    this.catchUpEntries = catchUpEntries;
    this.verifyTime = verifyTime;
  }

  /** Runs the bench in {@code scratch}; returns 0 if no entry failed. */
  int run(Path scratch) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Primitives primitives = new Primitives();
    out.printf(Locale.ROOT, "measuring Ed25519 verify on %d threads ...%n", cores);
    Rate verifyBefore = primitives.verify(verifyTime, cores);

    out.println("one node (a one-peer Raft group) ...");
    LoadResult single;
    try (CoopNode node =
        CoopNode.start(
            NodeConfig.defaults()
                .withDataDir(scratch.resolve("single"))
                .withPort(0)
                .withCoopId("bench-single"))) {
      single = ingest(node.uri(), "bench-single", List.of(), entries, true);
    }

    out.printf(Locale.ROOT, "a network of %d nodes in this process ...%n", nodes);
    Network network = Network.start(scratch.resolve("network"), nodes, "bench-network");
    LoadResult several;
    CatchUp replay;
    CatchUp install;
    CatchUp restartShort;
    CatchUp restartLong;
    try {
      URI leader = network.awaitLeader();
      several = ingest(leader, "bench-network", network.founding(), entries, true);

      CoopNode behind = network.follower(leader);
      String behindId = network.idOf(behind);
      restartShort = network.timeRestart(behindId, leader);
      out.printf(
          Locale.ROOT,
          "restart: %s stopped and started again on a ledger of %,d entries, level after %,d ms%n",
          behindId,
          restartShort.behind(),
          restartShort.millis());
      out.printf(
          Locale.ROOT,
          "catch-up: %s stopped while %,d entries arrive ...%n",
          behindId,
          catchUpEntries);
      long stoppedAt = network.stop(behindId);
      ingest(leader, "bench-network", List.of(), catchUpEntries, false);
      replay = network.timeCatchUp(behindId, leader, stoppedAt, false);
      out.printf(
          Locale.ROOT,
          "  it was down: %,d entries behind, level after %,d ms%n",
          replay.behind(),
          replay.millis());

      restartLong = network.timeRestart(behindId, leader);
      out.printf(
          Locale.ROOT,
          "restart: %s stopped and started again on a ledger of %,d entries, level after %,d ms%n",
          behindId,
          restartLong.behind(),
          restartLong.millis());

      network.stop(behindId);
      install = network.timeCatchUp(behindId, leader, 0, true);
      out.printf(
          Locale.ROOT,
          "  wiped and installed: %,d entries, level after %,d ms%n",
          install.behind(),
          install.millis());
    } finally {
      network.close();
    }

    out.printf(Locale.ROOT, "measuring Ed25519 verify on %d threads again ...%n", cores);
    Rate verifyAfter = primitives.verify(verifyTime, cores);
    double verify = (verifyBefore.perSecond() + verifyAfter.perSecond()) / 2;
    report(
        single,
        several,
        replay,
        install,
        restartShort,
        restartLong,
        verify,
        verifyBefore,
        verifyAfter);
    return single.failed() == 0 && several.failed() == 0 ? 0 : 1;
  }

  private void report(
      LoadResult single,
      LoadResult several,
      CatchUp replay,
      CatchUp install,
      CatchUp restartShort,
      CatchUp restartLong,
      double verify,
      Rate before,
      Rate after) {
    double one = single.acceptedPerSecond();
    double many = several.acceptedPerSecond();
    double replayRate = replay.behind() / (replay.millis() / 1000.0);
    double installRate = install.behind() / (install.millis() / 1000.0);
    out.println();
    out.printf(
        Locale.ROOT,
        "  Ed25519 verify/s  %,.0f on %d threads (%,.0f before, %,.0f after)%n",
        verify,
        before.threads(),
        before.perSecond(),
        after.perSecond());
    out.printf(
        Locale.ROOT,
        "  batch mode (%,d per request, %d in flight), %,d entries each:%n",
        batchSize,
        batchStreams,
        entries);
    out.printf(
        Locale.ROOT,
        "    1 node       %,8.0f entries/s  p50 %,7.1f ms  p99 %,7.1f ms  = %.3f x verify/s%n",
        one,
        single.latencies().percentileMillis(50),
        single.latencies().percentileMillis(99),
        one / verify);
    out.printf(
        Locale.ROOT,
        "    %d nodes      %,8.0f entries/s  p50 %,7.1f ms  p99 %,7.1f ms  = %.3f x verify/s;"
            + " %.2f x one node%n",
        nodes,
        many,
        several.latencies().percentileMillis(50),
        several.latencies().percentileMillis(99),
        many / verify,
        many / one);
    out.printf(
        Locale.ROOT,
        "  catch-up of a node %,d entries behind:%n"
            + "    it was down (log or records)  %,7d ms  %,8.0f entries/s = %.3f x verify/s%n"
            + "    install (data dir wiped)      %,7d ms  %,8.0f entries/s = %.3f x verify/s"
            + " (%,d entries)%n",
        replay.behind(),
        replay.millis(),
        replayRate,
        replayRate / verify,
        install.millis(),
        installRate,
        installRate / verify,
        install.behind());
    out.printf(
        Locale.ROOT,
        "  restart of a level node (stop, start, until it serves the leader's tree size):%n"
            + "    on %,d entries  %,7d ms%n    on %,d entries  %,7d ms%n",
        restartShort.behind(),
        restartShort.millis(),
        restartLong.behind(),
        restartLong.millis());
    out.printf(
        Locale.ROOT,
        "RESULT nodes=%d single_eps=%.0f network_eps=%.0f network_ratio=%.3f"
            + " single_p99_ms=%.1f network_p99_ms=%.1f network_eps_per_verify=%.4f"
            + " catchup_replay_entries=%d catchup_replay_ms=%d catchup_install_entries=%d"
            + " catchup_install_ms=%d verify_per_s=%.0f restart_short_entries=%d"
            + " restart_short_ms=%d restart_long_entries=%d restart_long_ms=%d%n",
        nodes,
        one,
        many,
        many / one,
        single.latencies().percentileMillis(99),
        several.latencies().percentileMillis(99),
        many / verify,
        replay.behind(),
        replay.millis(),
        install.behind(),
        install.millis(),
        verify,
        restartShort.behind(),
        restartShort.millis(),
        restartLong.behind(),
        restartLong.millis());
  }

  /**
   * Founds the co-op if the node is empty (naming {@code network}), then sends warm-up and {@code
   * count} votes in batch mode; returns the measured run.
   */
  private LoadResult ingest(
      URI node, String coopId, List<NetworkNode> network, int count, boolean warm)
      throws InterruptedException {
    long size;
    try (NodeClient api = NodeClient.of(node)) {
      size = api.nodeInfo().treeSize();
      long nonceBase = size == 0 ? 0 : System.currentTimeMillis() * 1_000_000L;
      VoteLoad load = VoteLoad.of(coopId, MEMBERS, nonceBase, System.currentTimeMillis());
      if (size == 0) {
        expectCreated(api.postEntry(load.genesis(network)).status(), "the genesis");
      }
      byte[] proposal = load.proposal("bench " + System.currentTimeMillis());
      expectCreated(api.postEntry(proposal).status(), "the proposal");
      EntryId id = CoopFixture.idOf(proposal);
      int warmups = warm ? warmup : 0;
      out.printf(Locale.ROOT, "  signing %,d votes ...%n", warmups + count);
      List<byte[]> votes = load.votes(id, 0, warmups + count);
      try (BatchLoadGenerator batches =
          new BatchLoadGenerator(
              api.uri(), batchStreams, batchSize, LoadGenerator.Format.PROTOBUF)) {
        if (warmups > 0) {
          LoadResult w = batches.run(votes.subList(0, warmups), load::authorOf, n -> {});
          out.printf(Locale.ROOT, "  warm-up: %,.0f entries/s%n", w.acceptedPerSecond());
        }
        int from = warmups;
        LoadResult result =
            batches.run(votes.subList(from, from + count), k -> load.authorOf(from + k), n -> {});
        out.printf(
            Locale.ROOT,
            "  %,d entries: %,.0f entries/s, p99 %.1f ms, %d failed%n",
            count,
            result.acceptedPerSecond(),
            result.latencies().percentileMillis(99),
            result.failed());
        return result;
      }
    }
  }

  private static void expectCreated(int status, String what) {
    if (status != 201) {
      throw new IllegalStateException("the node refused " + what + " (HTTP " + status + ")");
    }
  }

  /** How long a node took to reach the leader's tree size, and how far behind it was. */
  record CatchUp(long behind, long millis) {}

  /** N in-process nodes of one group. */
  private static final class Network implements AutoCloseable {
    private final Path dir;
    private final String coopId;
    private final List<Peer> peers;
    private final List<CoopNode> running = new ArrayList<>();

    private Network(Path dir, String coopId, List<Peer> peers) {
      this.dir = dir;
      this.coopId = coopId;
      this.peers = peers;
    }

    static Network start(Path dir, int count, String coopId) throws IOException {
      Set<Integer> taken = new HashSet<>();
      List<Peer> peers = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        peers.add(
            new Peer(
                "node-" + i,
                "127.0.0.1:" + freePort(taken),
                URI.create("http://127.0.0.1:" + freePort(taken))));
      }
      Network network = new Network(dir, coopId, peers);
      // One after another: Helidon's metrics set-up is not safe to run concurrently in one JVM
      // (starting them together failed once with a ConcurrentModificationException there); a node
      // of a group serves HTTP without waiting for a leader, so none waits for the others.
      List<CoopNode> started = new ArrayList<>();
      for (Peer peer : peers) {
        started.add(network.launch(peer.id()));
      }
      network.running.addAll(started);
      if (started.size() != count) {
        network.close();
        throw new IllegalStateException("not every node started");
      }
      return network;
    }

    private CoopNode launch(String id) {
      Peer peer = peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
      return CoopNode.start(
          NodeConfig.builder()
              .dataDir(dir.resolve(id))
              .port(peer.restUrl().getPort())
              .coopId(coopId)
              .peerId(id)
              .peers(new Peers(peers))
              .build());
    }

    List<NetworkNode> founding() {
      List<NetworkNode> nodes = new ArrayList<>();
      for (Peer peer : peers) {
        nodes.add(
            new NetworkNode(
                peer.id(),
                NodeKey.loadOrCreate(dir.resolve(peer.id())).publicKey(),
                peer.raftAddress()));
      }
      return nodes;
    }

    URI awaitLeader() throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        for (CoopNode node : running) {
          var info = NodeClient.of(node.uri()).nodeInfo();
          if (info.leader() != null && info.leader().url() != null) {
            return URI.create(info.leader().url());
          }
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("no leader within 120 s");
    }

    CoopNode follower(URI leader) {
      return running.stream()
          .filter(n -> n.uri().getPort() != leader.getPort())
          .findFirst()
          .orElseThrow();
    }

    String idOf(CoopNode node) {
      return peers.stream()
          .filter(p -> p.restUrl().getPort() == node.uri().getPort())
          .findFirst()
          .orElseThrow()
          .id();
    }

    /** Stops node {@code id}; returns its tree size then. */
    long stop(String id) {
      CoopNode node = running.stream().filter(n -> idOf(n).equals(id)).findFirst().orElseThrow();
      long size = NodeClient.of(node.uri()).nodeInfo().treeSize();
      node.close();
      running.remove(node);
      return size;
    }

    /**
     * Stops node {@code id}, level with the leader, and starts it again; returns the ledger's size
     * (as {@code behind}) and how long from the start until it serves the leader's tree size.
     */
    CatchUp timeRestart(String id, URI leader) throws Exception {
      long target = NodeClient.of(leader).nodeInfo().treeSize();
      CoopNode node = running.stream().filter(n -> idOf(n).equals(id)).findFirst().orElseThrow();
      NodeClient client = NodeClient.of(node.uri());
      while (client.nodeInfo().treeSize() < target) {
        Thread.sleep(20);
      }
      stop(id);
      CatchUp restarted = timeCatchUp(id, leader, 0, false);
      return new CatchUp(target, restarted.millis());
    }

    /**
     * Starts node {@code id} again (with {@code wipe}: on a data directory holding only its key)
     * and returns how long from the start until its tree size is the leader's.
     */
    CatchUp timeCatchUp(String id, URI leader, long sizeBefore, boolean wipe) throws Exception {
      Path data = dir.resolve(id);
      if (wipe) {
        try (var children = Files.list(data)) {
          for (Path child : children.toList()) {
            if (!child.getFileName().toString().equals("node-key.pem")) {
              deleteTree(child);
            }
          }
        }
      }
      long target = NodeClient.of(leader).nodeInfo().treeSize();
      long behind = target - sizeBefore;
      long start = System.nanoTime();
      CoopNode node = launch(id);
      running.add(node);
      NodeClient client = NodeClient.of(node.uri());
      while (client.nodeInfo().treeSize() < target) {
        Thread.sleep(20);
      }
      return new CatchUp(behind, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void close() {
      for (CoopNode node : running) {
        node.close();
      }
      running.clear();
    }

    private static int freePort(Set<Integer> taken) {
      return FreePorts.pick("127.0.0.1", taken);
    }

    private static void deleteTree(Path path) {
      try (var paths = Files.walk(path)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
