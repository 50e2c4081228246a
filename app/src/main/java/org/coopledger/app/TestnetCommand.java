package org.coopledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.Terminal;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.checkpoint.NodeKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coop testnet up|status}: a local network of node processes on 127.0.0.1, for trying a
 * co-op run by several nodes and for the fault tests (see docs/network.md).
 */
@Command(
    name = "testnet",
    description = "Run a local network of nodes on this machine (docs/network.md).",
    subcommands = {TestnetCommand.Up.class, TestnetCommand.Status.class})
public final class TestnetCommand implements Callable<Integer> {
  private final CliContext context;

  public TestnetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.err().println("coop testnet: say up or status (coop testnet --help)");
    return ExitCode.USAGE;
  }

  /** {@code coop testnet up}. */
  @Command(
      name = "up",
      description = {
        "Start N node processes of one co-op on 127.0.0.1 (own data directories and free ports),",
        "wait for a leader, print each node, and run until Ctrl-C, which stops them."
      })
  static final class Up implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--nodes", paramLabel = "N", description = "how many nodes (default 3)")
    int count = 3;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "where the nodes keep their data (default ./coop-testnet)")
    Path dir = Path.of("coop-testnet");

    @Option(names = "--coop", paramLabel = "ID", description = "co-op id (default demo-coop)")
    String coop = "demo-coop";

    @Option(
        names = "--demo",
        description = "on a new network, found the demo co-op, keys in DIR/keys/")
    boolean demo;

    @Option(names = "--json", description = "print one JSON document on stdout instead")
    boolean json;

    @Option(
        names = "--node-arg",
        paramLabel = "ARG",
        description = "a further `coop node` argument for every node (repeatable)")
    List<String> nodeArgs = new ArrayList<>();

    Up(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
      boolean fresh = LocalNetwork.readState(dir).isEmpty();
      LocalNetwork network;
      try {
        network = LocalNetwork.start(dir, count, coop, nodeArgs);
      } catch (RuntimeException e) {
        context.err().println("coop testnet: " + e.getMessage());
        return ExitCode.FAILED;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                network.close();
                stopped.countDown();
              },
              "coop-testnet-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      String leader;
      try {
        leader = network.awaitLeader(Duration.ofSeconds(120));
      } catch (IllegalStateException e) {
        context.err().println("coop testnet: " + e.getMessage());
        return ExitCode.FAILED;
      }
      // With --json, stdout carries the one document; everything else goes to stderr.
      PrintWriter talk = json ? context.err() : context.out();
      if (demo) {
        if (fresh) {
          NodeConfig config = NodeConfig.defaults().withCoopId(network.coopId()).withDataDir(dir);
          String url = network.nodes().get(0).url().toString();
          // The founders name the network's nodes and their keys in the genesis entry.
          List<NetworkNode> founding = new ArrayList<>();
          for (LocalNetwork.Node node : network.nodes()) {
            founding.add(
                new NetworkNode(
                    node.id(), NodeKey.loadOrCreate(node.data()).publicKey(), node.raftAddress()));
          }
          new DemoCoop(
                  new CliContext(context.env(), talk, context.err(), Terminal.none()),
                  config,
                  url,
                  founding)
              .create();
        } else {
          talk.println("--demo: " + dir + " already holds a network; serving it as it is");
        }
      }
      if (json) {
        context.out().println(LocalNetwork.toJson(network.describe(leader)));
      } else {
        PrintWriter out = context.out();
        out.printf(
            "coop testnet: co-op %s, %d nodes, leader %s%n", network.coopId(), count, leader);
        out.printf("%-8s %-24s %-17s %-8s %s%n", "node", "url", "raft", "pid", "data");
        for (LocalNetwork.Node node : network.nodes()) {
          out.printf(
              "%-8s %-24s %-17s %-8d %s%n",
              node.id(), node.url(), node.raftAddress(), node.pid(), node.data());
        }
        out.println("Logs: DATA/node.log. `coop testnet status --dir " + dir + "` shows roles.");
        out.println("Stop them all with Ctrl-C.");
      }
      context.out().flush();
      talk.flush();
      stopped.await();
      return ExitCode.OK;
    }
  }

  /** {@code coop testnet status}. */
  @Command(
      name = "status",
      description = "Show each node of a local network: role, tree size, root, leader.")
  static final class Status implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "the network's directory (default ./coop-testnet)")
    Path dir = Path.of("coop-testnet");

    @Option(names = "--json", description = "print one JSON document instead")
    boolean json;

    Status(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      Optional<JsonNode> state = LocalNetwork.readState(dir);
      if (state.isEmpty()) {
        context.err().println("coop testnet: no network in " + dir + " (no testnet.json)");
        return ExitCode.FAILED;
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      boolean allUp = true;
      for (JsonNode node : state.get().get("nodes")) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", node.get("id").asText());
        row.put("url", node.get("url").asText());
        row.put("pid", node.get("pid").asLong());
        Optional<JsonNode> info = LocalNetwork.probe(URI.create(node.get("url").asText()));
        if (info.isPresent()) {
          JsonNode i = info.get();
          row.put("role", i.get("role").asText());
          row.put("treeSize", i.get("treeSize").asLong());
          row.put("rootHash", i.get("rootHash").asText());
          row.put(
              "leader",
              i.get("leader") == null || i.get("leader").isNull()
                  ? null
                  : i.get("leader").get("peerId").asText());
          row.put("appliedIndex", i.get("appliedIndex").asLong());
        } else {
          row.put("role", "DOWN");
          allUp = false;
        }
        rows.add(row);
      }
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("coop", state.get().get("coop").asText());
        out.put("nodes", rows);
        context.out().println(LocalNetwork.toJson(out));
      } else {
        PrintWriter out = context.out();
        out.printf(
            "%-8s %-24s %-9s %-9s %-10s %s%n",
            "node", "url", "role", "leader", "tree size", "root");
        for (Map<String, Object> row : rows) {
          out.printf(
              "%-8s %-24s %-9s %-9s %-10s %s%n",
              row.get("id"),
              row.get("url"),
              row.get("role"),
              row.getOrDefault("leader", "-"),
              row.getOrDefault("treeSize", "-"),
              row.getOrDefault("rootHash", "-"));
        }
      }
      context.out().flush();
      return allUp ? ExitCode.OK : ExitCode.FAILED;
    }
  }
}
