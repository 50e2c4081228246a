package org.coopledger.node;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.Proofs;
import org.coopledger.node.anchor.AnchorLog;
import org.coopledger.node.anchor.AnchorScheduler;
import org.coopledger.node.checkpoint.Checkpointer;
import org.coopledger.node.checkpoint.LedgerSigner;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.node.http.Api;
import org.coopledger.node.http.NodeHealth;
import org.coopledger.node.ledger.CheckedEntry;
import org.coopledger.node.ledger.Ledger;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.ledger.StoreCheck;
import org.coopledger.node.replication.LedgerStateMachine;
import org.coopledger.node.replication.Peer;
import org.coopledger.node.replication.Peers;
import org.coopledger.node.replication.RaftHost;
import org.coopledger.node.replication.Reconfigurer;
import org.coopledger.node.replication.ReplicationException;
import org.coopledger.node.replication.Replicator;
import org.coopledger.node.replication.SnapshotInstall;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.node.witness.CosignatureGatherer;
import org.coopledger.node.witness.NodeUrls;
import org.coopledger.node.witness.Witness;
import org.coopledger.node.write.Batcher;
import org.coopledger.node.write.Submitter;

/**
 * A running node: store, Raft write path, checkpointer and REST API. Start one with {@link #start};
 * {@link #close} stops it in reverse order. Used by {@link Main}, by {@code coop node}, by the
 * benchmark and by tests, so that all of them run exactly what production runs.
 */
public final class CoopNode implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CoopNode.class.getName());

  /** How long a witness waits for its own tree to reach a checkpoint it is asked to cosign. */
  private static final java.time.Duration WITNESS_CATCH_UP = java.time.Duration.ofSeconds(2);

  /**
   * How long a node without a Raft log waits for its peers to answer before it starts as a member
   * of a new network (peers that answer with empty ledgers end the wait at once).
   */
  private static final java.time.Duration INSTALL_PATIENCE = java.time.Duration.ofSeconds(2);

  /** How long a node waits for the network's cosignatures on a new checkpoint. */
  private static final java.time.Duration COSIGN_TIMEOUT = java.time.Duration.ofSeconds(3);

  private final NodeConfig config;
  private final WebServer server;
  private final Checkpointer checkpointer;
  private final Ledger ledger;
  private final Deque<AutoCloseable> resources;

  private CoopNode(
      NodeConfig config,
      WebServer server,
      Checkpointer checkpointer,
      Ledger ledger,
      Deque<AutoCloseable> resources) {
    this.config = config;
    this.server = server;
    this.checkpointer = checkpointer;
    this.ledger = ledger;
    this.resources = resources;
  }

  /**
   * Starts a node and returns once it serves HTTP.
   *
   * @throws org.coopledger.node.store.StoreException if the store is unavailable or corrupt (the
   *     message names what is wrong)
   */
  public static CoopNode start(NodeConfig config) {
    Peers peers = config.peers();
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      Files.createDirectories(config.dataDir());
      SigningKey key = NodeKey.loadOrCreate(config.dataDir());
      if (!peers.isEmpty()) {
        SnapshotInstall.interrupted(config.dataDir());
      }
      // A node joining by reconfiguration is no voter until added, and replays the log instead.
      boolean install =
          !config.join() && SnapshotInstall.needed(config.dataDir().resolve("raft"), peers);
      if (install) {
        SnapshotInstall.setAside(config.dataDir().resolve("ledger"));
      }
      LedgerStore store = LedgerStore.open(config.dataDir().resolve("ledger"));
      opened.push(store);
      LedgerSigner signer = new LedgerSigner(key, store::record);
      long recordsChecked =
          StoreCheck.run(
              store, signer.current().map(NoteSigner::verifier), config.startupCheckRecords());
      Ledger ledger = Ledger.open(store);
      LedgerStateMachine stateMachine =
          new LedgerStateMachine(store, ledger, config.snapshotEvery());
      Optional<SnapshotInstall.Installed> installed = Optional.empty();
      if (install) {
        installed =
            new SnapshotInstall(
                    config.coopId(), config.peerId(), key.publicKey(), peers, store, ledger)
                .run(INSTALL_PATIENCE);
        installed.ifPresent(done -> stateMachine.installed(done.position()));
      }
      RaftHost raft =
          RaftHost.start(
              config.dataDir().resolve("raft"),
              config.coopId(),
              config.peerId(),
              config.host(),
              config.raftPort(),
              peers,
              config.snapshotEvery(),
              config.join(),
              stateMachine);
      opened.push(raft);
      installed.ifPresent(done -> SnapshotInstall.watch(raft, peers, done.position()));
      Reconfigurer reconfigurer =
          new Reconfigurer(raft, () -> raftAddresses(ledger.view().state().nodes())).start();
      opened.push(reconfigurer);
      if (peers.isEmpty()) {
        raft.awaitLeader(config.leaderTimeout());
      }
      Witness witness =
          new Witness(
              config.peerId(),
              key,
              new Witness.Tree() {
                @Override
                public long size() {
                  return ledger.view().treeSize();
                }

                @Override
                public Hash root(long size) {
                  return ledger.root(size);
                }
              },
              signer::origin,
              () -> ledger.view().state().nodes(),
              config.dataDir(),
              Clock.systemUTC(),
              WITNESS_CATCH_UP);
      NodeUrls urls =
          new NodeUrls(
                  config.peerId(),
                  peers.find(config.peerId()).map(Peer::restUrl),
                  key,
                  signer::origin,
                  () -> ledger.view().state().nodes(),
                  name -> peers.find(name).map(Peer::restUrl),
                  Clock.systemUTC())
              .start();
      opened.push(urls);
      if (!peers.isEmpty()) {
        SnapshotInstall catchUp =
            new SnapshotInstall(
                config.coopId(), config.peerId(), key.publicKey(), peers, store, ledger);
        stateMachine.catchUpWith(
            leader -> {
              AppliedIndex reached =
                  catchUp.catchUp(
                      urls.url(leader)
                          .orElseThrow(
                              () ->
                                  new ReplicationException(
                                      "UNKNOWN_LEADER_URL",
                                      "no REST URL is known for the leader " + leader)));
              // As after an install at start: the leader must go on from the position reached.
              SnapshotInstall.watch(raft, peers, reached);
              return reached;
            },
            config.dataDir().resolve(SnapshotInstall.CATCHING_UP));
        // Closed before the Raft server, whose apply thread waits for a catch-up in progress.
        opened.push(stateMachine::stopCatchingUp);
      }
      CosignatureGatherer gatherer =
          new CosignatureGatherer(
              config.peerId(),
              witness,
              () -> ledger.view().state().nodes(),
              urls::url,
              (size1, size2) -> Proofs.consistency(ledger.hashes(), size1, size2).path(),
              COSIGN_TIMEOUT);
      opened.push(gatherer);
      Checkpointer checkpointer =
          new Checkpointer(
              ledger,
              store::putCheckpoint,
              signer,
              config.checkpointEvery(),
              config.checkpointIntervalMillis(),
              Checkpointer.Cosigning.of(
                  gatherer::gather, () -> ledger.view().state().nodes().size()));
      opened.push(checkpointer);
      NodeMetrics metrics = new NodeMetrics(ledger, checkpointer);
      opened.push(metrics);
      Replicator replicator = new Replicator(raft, stateMachine, Clock.systemUTC());
      Batcher<CheckedEntry, RecordResult> batcher =
          new Batcher<>(
              "group-commit",
              new Batcher.Limits(
                  config.batchMaxEntries(),
                  config.batchMaxBytes(),
                  config.batchInFlight(),
                  config.queueLimit(),
                  config.batchLinger()),
              CheckedEntry::size,
              metrics.batchSizes(),
              replicator::submit);
      opened.push(batcher);
      Submitter submitter = new Submitter(config.coopId(), ledger, batcher, config.writeTimeout());
      opened.push(submitter);
      Optional<AnchorScheduler> anchors = Optional.empty();
      if (config.anchor().enabled()) {
        AnchorScheduler scheduler =
            AnchorScheduler.start(
                config.anchor(),
                config.coopId(),
                () -> anchorTarget(checkpointer),
                AnchorLog.open(config.dataDir()));
        opened.push(scheduler);
        anchors = Optional.of(scheduler);
      }
      Optional<AnchorScheduler> anchorsForApi = anchors;
      WebServer server =
          WebServer.builder()
              .host(config.host())
              .port(config.port())
              // The API refuses bodies over the limit itself, with a JSON error; this is a
              // backstop.
              .maxPayloadSize(2L * Api.batchBodyBytes(config))
              .addFeature(
                  ObserveFeature.just(
                      MetricsObserver.create(),
                      NodeHealth.observer(
                          () -> ledger.view().treeSize(),
                          recordsChecked,
                          raft::leaderId,
                          anchorsForApi.map(scheduler -> () -> scheduler.status().lastError()))))
              .routing(
                  routing ->
                      Api.routing(
                          routing,
                          config,
                          ledger,
                          submitter,
                          checkpointer,
                          raft,
                          reconfigurer,
                          anchorsForApi,
                          witness,
                          urls))
              .build()
              .start();
      if (!server.isRunning() || server.port() < 0) {
        // Helidon logs a failed bind and returns a stopped server rather than throwing.
        throw new NodeStartException(
            "PORT_UNAVAILABLE",
            "cannot serve HTTP on "
                + config.host()
                + ":"
                + config.port()
                + " (is another process using it?); choose another --port, or 0 for any free one");
      }
      LOG.info(
          "serving co-op "
              + config.coopId()
              + " at http://"
              + config.host()
              + ":"
              + server.port()
              + " — tree size "
              + ledger.view().treeSize()
              + ", data in "
              + config.dataDir().toAbsolutePath()
              + ", checkpoint key "
              + signer.verifierKey().orElse("(named after the genesis entry, none before it)"));
      return new CoopNode(config, server, checkpointer, ledger, opened);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeAll(opened);
      throw new NodeStartException("INTERRUPTED", "interrupted while installing a snapshot");
    } catch (IOException e) {
      closeAll(opened);
      throw new UncheckedIOException("cannot use the data directory " + config.dataDir(), e);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  /** The co-op's node set as the Raft group should have it: node name (peer id) to address. */
  private static java.util.SortedMap<String, String> raftAddresses(
      java.util.SortedMap<String, org.coopledger.governance.action.NetworkNode> nodes) {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    nodes.forEach((name, node) -> out.put(name, node.raftAddress()));
    return out;
  }

  /** The tree size and root of the latest checkpoint, as the anchor scheduler posts them. */
  private static AnchorScheduler.Target anchorTarget(Checkpointer checkpointer) {
    if (checkpointer.latest().isEmpty()) {
      return new AnchorScheduler.Target(0, Bytes32.of(new byte[32]));
    }
    Checkpoint checkpoint =
        Checkpoint.parse(SignedNote.parse(checkpointer.latest().get().note()).text());
    return new AnchorScheduler.Target(checkpoint.size(), Bytes32.of(checkpoint.rootHash()));
  }

  /** The REST port actually bound (useful with port 0). */
  public int port() {
    return server.port();
  }

  /** The base URL of the REST API, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://" + config.host() + ":" + port());
  }

  /**
   * The signed-note verifier key of this node's checkpoints and receipts; empty until the genesis
   * entry names the ledger.
   */
  public Optional<String> verifierKey() {
    return checkpointer.signer().verifierKey();
  }

  /** The ledger's origin (derived from its genesis entry); empty before it. */
  public Optional<String> origin() {
    return checkpointer.signer().origin();
  }

  /** The number of entries in the ledger. */
  public long treeSize() {
    return ledger.view().treeSize();
  }

  public NodeConfig config() {
    return config;
  }

  @Override
  public void close() {
    server.stop();
    closeAll(resources);
    LOG.info("stopped the node of co-op " + config.coopId());
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing " + resource + " failed", e);
      }
    }
  }
}
