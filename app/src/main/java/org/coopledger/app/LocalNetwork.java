package org.coopledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.coopledger.node.FreePorts;

/**
 * N node processes ({@code coop node}) on 127.0.0.1 forming one Raft group: each with its own data
 * directory under {@code DIR/NODE_ID}, REST and Raft ports, and log {@code DIR/NODE_ID/node.log}.
 * What runs is described in {@code DIR/testnet.json} (the document {@code coop testnet up --json}
 * prints), which {@code coop testnet status} reads. Used by {@code coop testnet} and by the fault
 * tests, which kill, stop and restart its processes. Not thread-safe.
 */
public final class LocalNetwork implements AutoCloseable {
  static final String STATE_FILE = "testnet.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HttpClient PROBE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One node: where it is, and its process while it runs. */
  public static final class Node {
    private final String id;
    private final int port;
    private final int raftPort;
    private final Path data;
    private final boolean join;
    private Process process;

    Node(String id, int port, int raftPort, Path data) {
      this(id, port, raftPort, data, false);
    }

    Node(String id, int port, int raftPort, Path data, boolean join) {
      this.id = id;
      this.port = port;
      this.raftPort = raftPort;
      this.data = data;
      this.join = join;
    }

    public String id() {
      return id;
    }

    public URI url() {
      return URI.create("http://127.0.0.1:" + port);
    }

    public String raftAddress() {
      return "127.0.0.1:" + raftPort;
    }

    public Path data() {
      return data;
    }

    public Path log() {
      return data.resolve("node.log");
    }

    /** The process id, or -1 when it is not running. */
    public long pid() {
      return process != null && process.isAlive() ? process.pid() : -1;
    }

    public boolean alive() {
      return process != null && process.isAlive();
    }

    String peer() {
      return id + "@" + raftAddress() + "@" + url();
    }
  }

  private final Path dir;
  private final String coopId;
  private final List<Node> nodes;
  private final List<String> extraArgs;

  private LocalNetwork(Path dir, String coopId, List<Node> nodes, List<String> extraArgs) {
    this.dir = dir;
    this.coopId = coopId;
    this.nodes = nodes;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /**
   * Starts {@code count} nodes of co-op {@code coopId} in {@code dir}, or restarts the network
   * found there (same ids and ports; its nodes must not be running). Returns once every process is
   * started, without waiting for a leader (see {@link #awaitLeader}).
   *
   * @param extraArgs further {@code coop node} settings for every node, e.g. {@code
   *     --checkpoint-interval-ms 200}
   */
  public static LocalNetwork start(Path dir, int count, String coopId, List<String> extraArgs) {
    if (count < 1 || count > 9) {
      throw new IllegalArgumentException("a local network has 1 to 9 nodes, not " + count);
    }
    try {
      Files.createDirectories(dir);
      List<Node> nodes = new ArrayList<>();
      Optional<JsonNode> before = readState(dir);
      if (before.isPresent()) {
        for (JsonNode node : before.get().get("nodes")) {
          if (ProcessHandle.of(node.get("pid").asLong())
              .map(ProcessHandle::isAlive)
              .orElse(false)) {
            throw new IllegalStateException(
                "a network already runs in "
                    + dir
                    + " (node "
                    + node.get("id").asText()
                    + ", pid "
                    + node.get("pid").asLong()
                    + "); stop it first");
          }
          URI url = URI.create(node.get("url").asText());
          String raft = node.get("raftAddress").asText();
          nodes.add(
              new Node(
                  node.get("id").asText(),
                  url.getPort(),
                  Integer.parseInt(raft.substring(raft.lastIndexOf(':') + 1)),
                  Path.of(node.get("data").asText())));
        }
        coopId = before.get().get("coop").asText();
      } else {
        Set<Integer> taken = new HashSet<>();
        for (int i = 1; i <= count; i++) {
          nodes.add(
              new Node(
                  "node-" + i,
                  freePort(taken),
                  freePort(taken),
                  dir.toAbsolutePath().resolve("node-" + i)));
        }
      }
      LocalNetwork network = new LocalNetwork(dir, coopId, nodes, extraArgs);
      for (Node node : nodes) {
        network.launch(node);
      }
      network.writeState();
      return network;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a local network in " + dir, e);
    }
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  public Node node(String id) {
    return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
  }

  public String coopId() {
    return coopId;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Waits until every running node names the same leader, and returns its id.
   *
   * @throws IllegalStateException if they do not agree within {@code timeout}, or a node exits
   */
  public String awaitLeader(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Set<String> leaders = new HashSet<>();
      for (Node node : nodes) {
        if (node.process == null) {
          continue;
        }
        if (!node.process.isAlive()) {
          throw new IllegalStateException(
              "node " + node.id + " exited; its log " + node.log() + " ends:\n" + logTail(node));
        }
        leaders.add(leaderSeenBy(node));
      }
      if (leaders.size() == 1 && !leaders.contains(null)) {
        return leaders.iterator().next();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "the nodes agreed on no leader within " + timeout.toSeconds() + " s");
  }

  private static String leaderSeenBy(Node node) {
    return probe(node.url())
        .map(info -> info.get("leader"))
        .filter(leader -> leader != null && !leader.isNull())
        .map(leader -> leader.get("peerId").asText())
        .orElse(null);
  }

  /**
   * {@code GET /v1/node} of the node at {@code url} with a short timeout (a paused node answers
   * nothing), or empty if it does not answer 200 in time.
   */
  public static Optional<JsonNode> probe(URI url) {
    HttpRequest request =
        HttpRequest.newBuilder(url.resolve("/v1/node"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      HttpResponse<String> response = PROBE.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? Optional.of(JSON.readTree(response.body()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** SIGKILL: no shutdown hook, no flush. */
  public void kill(String id) throws InterruptedException {
    Node node = node(id);
    node.process.destroyForcibly();
    node.process.waitFor();
  }

  /** SIGSTOP: the process freezes (its sockets stay open, it answers nothing). */
  public void pause(String id) throws IOException, InterruptedException {
    signal(node(id), "STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public void resume(String id) throws IOException, InterruptedException {
    signal(node(id), "CONT");
  }

  private static void signal(Node node, String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(node.process.pid()))
            .inheritIO()
            .start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + node.process.pid() + " failed");
    }
  }

  /**
   * Adds a node {@code id} that joins the running network (started with {@code --join true} and a
   * {@code --peers} list naming every node, itself included), with its own free ports and data
   * directory, without starting it: start it with {@link #restart} (after reading or creating its
   * key, {@code DATA/node-key.pem}, to name it in a node change). The co-op must still add it by an
   * executed node change before the group takes it in.
   */
  public Node add(String id) throws IOException {
    if (nodes.stream().anyMatch(n -> n.id.equals(id))) {
      throw new IllegalArgumentException("the network already has a node " + id);
    }
    Set<Integer> taken = new HashSet<>();
    for (Node node : nodes) {
      taken.add(node.port);
      taken.add(node.raftPort);
    }
    Node node =
        new Node(id, freePort(taken), freePort(taken), dir.toAbsolutePath().resolve(id), true);
    Files.createDirectories(node.data);
    nodes.add(node);
    writeState();
    return node;
  }

  /**
   * Stops node {@code id} cleanly (SIGTERM) and leaves it out of the network from now on: for a
   * node the co-op removed by an executed node change.
   */
  public void retire(String id) throws InterruptedException, IOException {
    Node node = node(id);
    if (node.process != null && node.process.isAlive()) {
      node.process.destroy();
      if (!node.process.waitFor(15, TimeUnit.SECONDS)) {
        node.process.destroyForcibly().waitFor();
      }
    }
    nodes.remove(node);
    writeState();
  }

  /** Starts a stopped (killed) node again on its data directory. */
  public void restart(String id) throws IOException {
    Node node = node(id);
    if (node.alive()) {
      throw new IllegalStateException("node " + id + " still runs");
    }
    launch(node);
    writeState();
  }

  private void launch(Node node) throws IOException {
    Files.createDirectories(node.data);
    List<String> command = new ArrayList<>();
    command.add(javaCommand());
    command.add("-Xmx384m");
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add(CoopMain.class.getName());
    command.addAll(
        List.of(
            "node",
            "--data",
            node.data.toString(),
            "--port",
            Integer.toString(node.port),
            "--coop",
            coopId,
            "--peer-id",
            node.id,
            "--peers",
            String.join(",", nodes.stream().map(Node::peer).toList())));
    if (node.join) {
      command.addAll(List.of("--join", "true"));
    }
    command.addAll(extraArgs);
    node.process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()))
            .start();
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String absoluteClassPath() {
    String separator = System.getProperty("path.separator");
    List<String> parts = new ArrayList<>();
    for (String part : System.getProperty("java.class.path").split(separator)) {
      parts.add(Path.of(part).toAbsolutePath().toString());
    }
    return String.join(separator, parts);
  }

  /** The document {@code coop testnet up --json} prints and {@code DIR/testnet.json} holds. */
  public Map<String, Object> describe(String leader) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("coop", coopId);
    out.put("dir", dir.toAbsolutePath().toString());
    out.put("leader", leader);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Node node : nodes) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("id", node.id);
      n.put("url", node.url().toString());
      n.put("raftAddress", node.raftAddress());
      n.put("pid", node.pid());
      n.put("data", node.data.toString());
      n.put("log", node.log().toString());
      list.add(n);
    }
    out.put("nodes", list);
    return out;
  }

  void writeState() throws IOException {
    Path file = dir.resolve(STATE_FILE);
    Path temp = dir.resolve(STATE_FILE + ".tmp");
    JSON.writeValue(temp.toFile(), describe(null));
    Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static Optional<JsonNode> readState(Path dir) throws IOException {
    Path file = dir.resolve(STATE_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(JSON.readTree(file.toFile()));
  }

  static String toJson(Object value) throws IOException {
    return JSON.writeValueAsString(value);
  }

  /** The last 30 lines of a node's log. */
  String logTail(Node node) {
    return logTail(node, "");
  }

  /** The last 30 lines of a node's log that contain {@code containing}. */
  String logTail(Node node, String containing) {
    try {
      List<String> lines =
          Files.readAllLines(node.log()).stream().filter(l -> l.contains(containing)).toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops every node with SIGTERM (a clean close), SIGKILL after 15 s. */
  @Override
  public void close() {
    for (Node node : nodes) {
      if (node.process != null && node.process.isAlive()) {
        try {
          // A paused process would never handle SIGTERM.
          signal(node, "CONT");
        } catch (IOException | InterruptedException e) {
          // It is terminated below regardless.
        }
        node.process.destroy();
      }
    }
    for (Node node : nodes) {
      if (node.process != null) {
        try {
          if (!node.process.waitFor(15, TimeUnit.SECONDS)) {
            node.process.destroyForcibly().waitFor();
          }
        } catch (InterruptedException e) {
          node.process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
    try {
      writeState();
    } catch (IOException e) {
      // The processes are gone; a stale pid in the file names a dead process.
    }
  }

  private static int freePort(Set<Integer> taken) {
    return FreePorts.pick("127.0.0.1", taken);
  }
}
