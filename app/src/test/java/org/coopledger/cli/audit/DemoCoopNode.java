package org.coopledger.cli.audit;

import java.net.URI;
import java.nio.file.Path;
import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.testkit.CoopFixture;

/**
 * The common set-up of the audit ITs: a started node (real RocksDB, Raft and HTTP on a free port)
 * for a co-op of the demo people, whose fixture clock starts a minute in the past so that every
 * entry's time is before the node's. The test founds the co-op with the genesis it needs, then puts
 * a {@link LyingProxy} in front of the node.
 */
final class DemoCoopNode implements AutoCloseable {
  final CoopNode node;
  final NodeClient client;
  final CoopFixture coop;

  private DemoCoopNode(CoopNode node, String coopName) {
    this.node = node;
    this.client = NodeClient.of(node.uri());
    this.coop =
        new CoopFixture(
            node.config().coopId(),
            coopName,
            CoopFixture.DEMO_PEOPLE,
            System.currentTimeMillis() - 60_000);
  }

  /** A node with its store under {@code dir}/data, checkpointing every {@code every} entries. */
  static DemoCoopNode start(Path dir, String coopName, int checkpointEvery) {
    return new DemoCoopNode(
        CoopNode.start(
            NodeConfig.defaults()
                .withDataDir(dir.resolve("data"))
                .withPort(0)
                .withCheckpoints(checkpointEvery, 50)),
        coopName);
  }

  URI uri() {
    return node.uri();
  }

  /** Submits a signed entry in the API's JSON form; throws unless the node accepts it. */
  void submit(byte[] signedEntry) {
    client.submit(SignedEntryFile.apiJson(signedEntry));
  }

  /** Waits (at most 10 s) until the node's latest checkpoint covers {@code size} entries. */
  void awaitCheckpointCovering(long size) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (client.nodeInfo().checkpointSize() >= size) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no checkpoint covered " + size + " entries in time");
  }

  /** A proxy that passes every answer through until told to lie. */
  LyingProxy proxy() {
    return LyingProxy.inFrontOf(node.uri().toString());
  }

  @Override
  public void close() {
    node.close();
  }
}
