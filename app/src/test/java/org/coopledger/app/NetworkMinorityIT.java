package org.coopledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five real node processes whose genesis names them (witness policy: a majority, 3 of 5). Two
 * frozen with SIGSTOP: the other three go on acknowledging. A third frozen: the two left cannot
 * acknowledge anything (503, never 201). Throughout, every checkpoint any node serves is recorded;
 * none two of those that a majority cosigned disagree, and each is the root of the one history all
 * five nodes hold after SIGCONT.
 */
class NetworkMinorityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NODES = 5;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @TempDir static Path dir;
  private static LocalNetwork network;
  private static final Set<String> frozen = ConcurrentHashMap.newKeySet();
  private static final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
  private static final List<String> refusals = new CopyOnWriteArrayList<>();
  private static final Map<String, java.util.concurrent.atomic.AtomicInteger> unavailable =
      new ConcurrentHashMap<>();
  private static final Set<String> checkpoints = ConcurrentHashMap.newKeySet();
  private static final Map<String, CoopFixture> signers = new ConcurrentHashMap<>();

  @BeforeAll
  static void startFiveNodesAndFoundACoopThatNamesThem() throws Exception {
    network =
        LocalNetwork.start(
            dir.resolve("net"),
            NODES,
            "demo-coop",
            List.of(
                "--checkpoint-interval-ms", "200",
                "--snapshot-every", "50",
                "--write-timeout", "3s"));
    network.awaitLeader(Duration.ofSeconds(120));
    for (String author : List.of("alice", "bob", "carol", "tess")) {
      signers.put(author, CoopFixture.demoLive());
    }
    List<NetworkNode> founding = new ArrayList<>();
    for (LocalNetwork.Node node : network.nodes()) {
      founding.add(
          new NetworkNode(
              node.id(), NodeKey.loadOrCreate(node.data()).publicKey(), node.raftAddress()));
    }
    byte[] genesis = signers.get("alice").genesis("", List.of(), founding);
    long deadline = System.nanoTime() + 60_000_000_000L;
    JsonNode reply = NetworkFaultsIT.post(network.nodes().get(0).url(), genesis);
    while (reply.get("status").asInt() == 503 && System.nanoTime() < deadline) {
      reply = NetworkFaultsIT.post(network.nodes().get(0).url(), genesis);
    }
    // A retry of a genesis that was committed after all is refused as replayed or as a second one.
    String answer = reply.get("status").asInt() + " " + reply.path("error").asText();
    assertThat(
            answer.startsWith("201")
                || answer.startsWith("409")
                || answer.equals("422 ALREADY_FOUNDED"))
        .as(reply.toString())
        .isTrue();
  }

  @AfterAll
  static void stop() {
    if (network != null) {
      for (String id : frozen) {
        try {
          network.resume(id);
        } catch (Exception e) {
          // Closing kills it anyway.
        }
      }
      network.close();
    }
  }

  @Test
  void aMajorityGoesOnAMinorityAcknowledgesNothingAndNoTwoMajorityCheckpointsDisagree()
      throws Exception {
    long started = System.nanoTime();
    try (Watcher watcher = Watcher.start();
        Load load = Load.start()) {
      load.awaitAcknowledged(acknowledged.size() + 20, Duration.ofSeconds(60));
      // The followers of the leader as it is now (it may have changed while the load started).
      String leader = network.awaitLeader(Duration.ofSeconds(30));
      List<String> followers =
          network.nodes().stream()
              .map(LocalNetwork.Node::id)
              .filter(id -> !id.equals(leader))
              .toList();

      // Two of five frozen: three are a majority, and go on.
      freeze(followers.get(0));
      freeze(followers.get(1));
      int before = acknowledged.size();
      load.awaitAcknowledged(before + 30, Duration.ofSeconds(30));
      load.close();

      // Three of five frozen (the leader left running, unless leadership moved meanwhile): the two
      // left cannot commit anything.
      freeze(followers.get(2));
      List<String> alone =
          network.nodes().stream()
              .map(LocalNetwork.Node::id)
              .filter(id -> !frozen.contains(id))
              .toList();
      assertThat(alone).hasSize(2);
      CoopFixture writer = signers.get("tess");
      List<Thread> probes = new ArrayList<>();
      List<String> answers = new CopyOnWriteArrayList<>();
      for (String id : alone) {
        for (int i = 0; i < 2; i++) {
          byte[] entry =
              writer.propose("tess", "minority " + id + " " + i, new Governed.Decision());
          probes.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        try {
                          JsonNode reply = NetworkFaultsIT.post(network.node(id).url(), entry);
                          answers.add(reply.get("status").asInt() + " " + reply.path("error"));
                        } catch (Exception e) {
                          answers.add("failed " + e);
                        }
                      }));
        }
      }
      for (Thread probe : probes) {
        probe.join();
      }
      assertThat(answers)
          .as("writes to the two nodes left")
          .hasSize(4)
          .allMatch(a -> a.startsWith("503 "));

      for (String id : List.copyOf(frozen)) {
        network.resume(id);
        frozen.remove(id);
      }
      network.awaitLeader(Duration.ofSeconds(60));
      try (Load after = Load.start()) {
        after.awaitAcknowledged(acknowledged.size() + 20, Duration.ofSeconds(60));
      }
    }
    List<byte[]> leaves = convergedLeaves();
    assertMajorityCheckpointsAreOfThatHistory(leaves);
    System.out.printf(
        "network minority: %d acknowledged entries on all %d nodes, %d checkpoints seen, %d s%n",
        acknowledged.size(),
        NODES,
        checkpoints.size(),
        (System.nanoTime() - started) / 1_000_000_000L);
  }

  private static void freeze(String id) throws IOException, InterruptedException {
    frozen.add(id);
    network.pause(id);
  }

  /** Waits until all five show one tree covering every acknowledged entry; its leaves. */
  private static List<byte[]> convergedLeaves() throws Exception {
    assertThat(refusals).as("valid entries refused").isEmpty();
    long size = acknowledged.keySet().stream().mapToLong(i -> i + 1).max().orElse(1);
    long deadline = System.nanoTime() + 60_000_000_000L;
    Set<String> trees = new HashSet<>();
    while (System.nanoTime() < deadline) {
      trees.clear();
      for (LocalNetwork.Node node : network.nodes()) {
        JsonNode info = LocalNetwork.probe(node.url()).orElse(null);
        trees.add(info == null ? "down" : info.get("treeSize") + "/" + info.get("rootHash"));
      }
      if (trees.size() == 1
          && !trees.contains("down")
          && Long.parseLong(trees.iterator().next().split("/")[0]) >= size) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(trees).as("every node's tree size/root").hasSize(1);
    long common = Long.parseLong(trees.iterator().next().split("/")[0]);
    List<byte[]> leaves = new ArrayList<>();
    URI first = network.nodes().get(0).url();
    while (leaves.size() < common) {
      JsonNode page = get(first, "/v1/entries?start=" + leaves.size() + "&limit=1000");
      for (JsonNode entry : page.get("entries")) {
        leaves.add(Base64.getDecoder().decode(entry.get("leaf").asText()));
      }
    }
    Map<Long, String> held = new java.util.HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      held.put(
          (long) i, org.coopledger.governance.merkle.TreeHasher.leafHash(leaves.get(i)).base64());
    }
    for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
      assertThat(held.get(ack.getKey())).as("entry %d", ack.getKey()).isEqualTo(ack.getValue());
    }
    return leaves;
  }

  /**
   * Every checkpoint seen that a majority of the nodes cosigned (cosignatures verified with the
   * nodes' keys) has the root of the converged history at its size: no two of them disagree.
   */
  private static void assertMajorityCheckpointsAreOfThatHistory(List<byte[]> leaves) {
    List<NoteVerifier> witnesses = new ArrayList<>();
    for (LocalNetwork.Node node : network.nodes()) {
      witnesses.add(
          NoteVerifier.of(
              node.id(),
              SignatureType.COSIGNATURE_V1,
              NodeKey.loadOrCreate(node.data()).publicKey()));
    }
    InMemoryHashSource tree = InMemoryHashSource.ofEntries(leaves);
    int majority = 0;
    for (String text : checkpoints) {
      SignedNote note = SignedNote.parse(text);
      try {
        note.verifyQuorum(witnesses, NODES / 2 + 1);
      } catch (CoopException e) {
        continue;
      }
      majority++;
      Checkpoint checkpoint = Checkpoint.parse(note.text());
      assertThat(checkpoint.size()).isLessThanOrEqualTo(leaves.size());
      assertThat(Hash.of(checkpoint.rootHash()))
          .as("root of a majority-cosigned checkpoint at %d", checkpoint.size())
          .isEqualTo(tree.root(checkpoint.size()));
    }
    assertThat(majority).as("majority-cosigned checkpoints seen").isGreaterThan(0);
  }

  /** What each node says about itself, and the end of each running node's log. */
  private static String diagnosis() {
    StringBuilder out = new StringBuilder();
    for (LocalNetwork.Node node : network.nodes()) {
      out.append("== ").append(node.id()).append(frozen.contains(node.id()) ? " (frozen)" : "");
      if (!frozen.contains(node.id())) {
        out.append(' ').append(LocalNetwork.probe(node.url()).map(JsonNode::toString).orElse("?"));
      }
      out.append('\n').append(network.logTail(node)).append('\n');
    }
    return out.toString();
  }

  private static JsonNode get(URI node, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
    return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Reads every running, unfrozen node's latest checkpoint every 100 ms. */
  private static final class Watcher implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    static Watcher start() {
      Watcher watcher = new Watcher();
      watcher.thread = Thread.ofPlatform().name("checkpoint-watcher").start(watcher::watch);
      return watcher;
    }

    private void watch() {
      while (running.get()) {
        for (LocalNetwork.Node node : network.nodes()) {
          if (frozen.contains(node.id())) {
            continue;
          }
          try {
            HttpResponse<String> response =
                HTTP.send(
                    HttpRequest.newBuilder(node.url().resolve("/v1/checkpoint"))
                        .timeout(Duration.ofSeconds(1))
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
              checkpoints.add(response.body());
            }
          } catch (IOException e) {
            // Frozen meanwhile, or busy: next round.
          } catch (InterruptedException e) {
            return;
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(10_000);
    }
  }

  /** Writers, one per author, posting proposals to the unfrozen nodes in turn. */
  private static final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    static Load start() {
      Load load = new Load();
      List<String> authors = List.of("alice", "bob", "carol");
      for (int i = 0; i < authors.size(); i++) {
        String author = authors.get(i);
        int offset = i;
        load.threads.add(
            Thread.ofPlatform().name("load-" + author).start(() -> load.write(author, offset)));
      }
      return load;
    }

    private void write(String author, int offset) {
      CoopFixture signer = signers.get(author);
      int n = offset;
      long count = 0;
      while (running.get()) {
        LocalNetwork.Node node = network.nodes().get(n++ % NODES);
        if (frozen.contains(node.id())) {
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
          } else {
            count(node.id() + " " + status + " " + reply.path("error").asText());
          }
        } catch (IOException e) {
          // Frozen meanwhile: the next node.
          count(node.id() + " " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private static void count(String outcome) {
      unavailable
          .computeIfAbsent(outcome, o -> new java.util.concurrent.atomic.AtomicInteger())
          .incrementAndGet();
    }

    void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (acknowledged.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "only "
                  + acknowledged.size()
                  + " of "
                  + count
                  + " acknowledged; refused: "
                  + refusals
                  + "; unanswered: "
                  + unavailable
                  + "\n"
                  + diagnosis());
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
