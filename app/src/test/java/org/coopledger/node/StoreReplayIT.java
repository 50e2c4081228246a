package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.governance.action.Governed;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fsync per group commit: the store's writes are not synced, so a machine crash may take its
 * newest groups (RocksDB recovers a prefix of its writes), and the node must write them again from
 * the synced Raft log when it restarts. Here the store is set back to an earlier copy of itself
 * (what such a crash leaves) under the Raft log of a later one; the restarted node serves the later
 * ledger and state, byte for byte.
 */
class StoreReplayIT {
  private static final List<String> ARGS =
      List.of(
          "--coop", "demo-coop",
          // No checkpoints and no snapshot marker: only the entries write to the store.
          "--checkpoint-every", "1000000",
          "--checkpoint-interval-ms", "3600000",
          "--snapshot-every", "1000000");

  @TempDir Path dir;

  @Test
  void groupsTheStoreLostAreAppliedAgainFromTheRaftLogAtRestart() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("node.log");
    CoopFixture coop = CoopFixture.demoLive();

    NodeProcess node = NodeProcess.start(data, log, ARGS);
    try {
      NodeClient api = NodeClient.of(node.uri());
      created(api.postEntry(coop.genesis()));
      for (int i = 0; i < 2; i++) {
        created(api.postEntry(coop.propose("alice", "early " + i, new Governed.Decision())));
      }
    } finally {
      node.kill();
    }
    Path earlierStore = dir.resolve("ledger-earlier");
    copyTree(data.resolve("ledger"), earlierStore);

    JsonNode later;
    String laterDigest;
    String lastLeaf;
    node = NodeProcess.start(data, log, ARGS);
    try {
      NodeClient api = NodeClient.of(node.uri());
      for (int i = 0; i < 3; i++) {
        created(api.postEntry(coop.propose("alice", "late " + i, new Governed.Decision())));
      }
      later = api.getJson("/v1/node");
      laterDigest = api.getJson("/v1/state").get("stateDigest").asText();
      lastLeaf = api.getJson("/v1/entries/5").get("leafHash").asText();
    } finally {
      node.kill();
    }
    assertThat(later.get("treeSize").asLong()).isEqualTo(6);

    deleteTree(data.resolve("ledger"));
    copyTree(earlierStore, data.resolve("ledger"));

    node = NodeProcess.start(data, log, ARGS);
    try {
      NodeClient api = NodeClient.of(node.uri());
      JsonNode restarted = api.getJson("/v1/node");
      assertThat(restarted.get("treeSize").asLong()).isEqualTo(6);
      assertThat(restarted.get("rootHash").asText()).isEqualTo(later.get("rootHash").asText());
      assertThat(api.getJson("/v1/state").get("stateDigest").asText()).isEqualTo(laterDigest);
      assertThat(api.getJson("/v1/entries/5").get("leafHash").asText()).isEqualTo(lastLeaf);
    } finally {
      node.kill();
    }
  }

  private static void created(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
