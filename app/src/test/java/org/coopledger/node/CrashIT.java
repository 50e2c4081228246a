package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.NodeUnavailableException;
import org.coopledger.api.client.Reply;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.EntryOutcome;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.engine.StateMachine;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.ProofVerifier;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in its own process under load is killed with SIGKILL at random moments and restarted,
 * several times. Afterwards every acknowledged entry is in the ledger with the leaf hash it was
 * acknowledged with, and every checkpoint ever served is signed by the node and consistent with the
 * final tree.
 */
class CrashIT {
  private static final List<String> AUTHORS = List.of("alice", "bob", "carol", "tess", "audrey");
  private static final int CRASHES = 5;

  @TempDir Path dir;

  private final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
  private final Set<String> checkpoints = ConcurrentHashMap.newKeySet();
  private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Test
  void acknowledgedEntriesAndServedCheckpointsSurviveRepeatedKill9() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("node.log");
    List<String> args =
        List.of(
            "--coop", "demo-coop",
            "--checkpoint-every", "20",
            "--checkpoint-interval-ms", "50",
            "--snapshot-every", "10");
    long seed = Long.getLong("crash.seed", System.nanoTime());
    // Printed so that a failing run can be repeated with -Dcrash.seed=...
    System.out.println("crash IT: seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
    Random random = new Random(seed);
    List<CoopFixture> signers = new ArrayList<>();
    for (int i = 0; i < AUTHORS.size(); i++) {
      signers.add(CoopFixture.demoLive());
    }

    NodeProcess node = NodeProcess.start(data, log, args);
    NodeClient api = NodeClient.of(node.uri());
    Reply genesis = api.postEntry(signers.get(0).genesis());
    assertThat(genesis.status()).as(genesis.body()).isEqualTo(201);
    acknowledged.put(0L, genesis.json().get("leafHash").asText());
    String verifierKey = api.getJson("/v1/node").get("verifierKey").asText();

    for (int crash = 0; crash < CRASHES; crash++) {
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> load = startLoad(node, signers, running);
      // Kill under load: once entries are flowing, at a random moment.
      awaitAcknowledged(acknowledged.size() + 50);
      Thread.sleep(random.nextInt(500));
      node.kill();
      running.set(false);
      for (Thread thread : load) {
        thread.join();
      }
      node = NodeProcess.start(data, log, args);
      assertStateIsTheReplayOfTheEntries(NodeClient.of(node.uri()), crash + 1);
    }

    try {
      api = NodeClient.of(node.uri());
      assertThat(refusals).as("valid entries refused").isEmpty();
      assertThat(acknowledged).hasSizeGreaterThan(50 * CRASHES);
      long size = api.getJson("/v1/node").get("treeSize").asLong();
      for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
        assertThat(ack.getKey()).isLessThan(size);
        JsonNode entry = api.getJson("/v1/entries/" + ack.getKey());
        assertThat(entry.get("leafHash").asText())
            .as("entry %d keeps its acknowledged leaf hash", ack.getKey())
            .isEqualTo(ack.getValue());
      }
      NoteVerifier key = NoteVerifier.parse(verifierKey);
      Hash finalRoot = awaitCheckpoint(api, key, size);
      for (String note : checkpoints) {
        SignedCheckpoint served =
            SignedCheckpoint.verify(note.getBytes(StandardCharsets.UTF_8), key);
        long from = served.checkpoint().size();
        assertThat(from).isLessThanOrEqualTo(size);
        JsonNode proof = api.getJson("/v1/proofs/consistency?from=" + from + "&to=" + size);
        List<Hash> path = new ArrayList<>();
        proof.get("hashes").forEach(h -> path.add(Hash.fromBase64(h.asText())));
        ProofVerifier.verifyConsistency(
            from, size, Hash.of(served.checkpoint().rootHash()), finalRoot, path);
      }
      System.out.printf(
          "crash IT: %d crashes, %d acknowledged entries, %d checkpoints checked, final size %d%n",
          CRASHES, acknowledged.size(), checkpoints.size(), size);
    } finally {
      node.kill();
    }
  }

  private List<Thread> startLoad(
      NodeProcess node, List<CoopFixture> signers, AtomicBoolean running) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < AUTHORS.size(); i++) {
      String author = AUTHORS.get(i);
      CoopFixture signer = signers.get(i);
      threads.add(
          Thread.ofPlatform().start(() -> submitUntilStopped(node, author, signer, running)));
    }
    threads.add(Thread.ofPlatform().start(() -> watchCheckpoints(node, running)));
    return threads;
  }

  private void submitUntilStopped(
      NodeProcess node, String author, CoopFixture signer, AtomicBoolean running) {
    NodeClient api = NodeClient.of(node.uri());
    int n = 0;
    while (running.get()) {
      byte[] entry = signer.propose(author, author + " " + n++, new Governed.Decision());
      try {
        Reply reply = api.postEntry(entry);
        if (reply.status() == 201) {
          JsonNode receipt = reply.json();
          acknowledged.put(receipt.get("index").asLong(), receipt.get("leafHash").asText());
        } else if (reply.status() < 500) {
          refusals.add(reply.status() + " " + reply.body());
        }
      } catch (NodeUnavailableException e) {
        return; // the node died under us: this entry was never acknowledged
      }
    }
  }

  private void watchCheckpoints(NodeProcess node, AtomicBoolean running) {
    NodeClient api = NodeClient.of(node.uri());
    while (running.get()) {
      try {
        Reply reply = api.get("/v1/checkpoint");
        if (reply.status() == 200) {
          checkpoints.add(reply.body());
        }
        Thread.sleep(20);
      } catch (NodeUnavailableException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void awaitAcknowledged(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (acknowledged.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only "
                + acknowledged.size()
                + " of "
                + count
                + " entries were acknowledged within 120 s; refusals: "
                + refusals);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Right after a restart, before any new load: the state the node serves is exactly the state that
   * replaying the entries it serves gives (same tree size, same digest).
   */
  private static void assertStateIsTheReplayOfTheEntries(NodeClient api, int restart) {
    JsonNode served = api.getJson("/v1/state");
    long size = served.get("treeSize").asLong();
    CoopState replayed = CoopState.empty();
    long next = 0;
    while (next < size) {
      List<EntryResponse> page = api.entries(next, (int) Math.min(100, size - next)).entries();
      assertThat(page).as("entries from %d of %d", next, size).isNotEmpty();
      for (EntryResponse entry : page) {
        assertThat(entry.index()).isEqualTo(next);
        EntryOutcome outcome =
            StateMachine.apply(replayed, entry.leafBytes(), SignatureVerifier.CRYPTO);
        assertThat(outcome)
            .as("entry %d replays after restart %d", next, restart)
            .isInstanceOf(EntryOutcome.Applied.class);
        replayed = outcome.state();
        next++;
      }
    }
    assertThat(api.getJson("/v1/state").get("treeSize").asLong())
        .as("no entry arrived while replaying")
        .isEqualTo(size);
    assertThat(served.get("stateDigest").asText())
        .as("state served after restart %d is the replay of its %d entries", restart, size)
        .isEqualTo(replayed.digestHex());
  }

  private static Hash awaitCheckpoint(NodeClient api, NoteVerifier key, long size)
      throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      SignedCheckpoint checkpoint =
          SignedCheckpoint.verify(
              api.get("/v1/checkpoint").body().getBytes(StandardCharsets.UTF_8), key);
      if (checkpoint.checkpoint().size() == size) {
        return Hash.of(checkpoint.checkpoint().rootHash());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no checkpoint at the final size " + size + " within 60 s");
  }
}
