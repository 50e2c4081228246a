package org.coopledger.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import org.coopledger.api.error.ApiError;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.api.v1.PeerInfo;
import org.coopledger.api.v1.SnapshotPosition;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.checkpoint.Checkpointer;
import org.coopledger.node.checkpoint.LedgerSigner;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.ledger.LedgerView;
import org.coopledger.node.replication.GroupConfiguration;
import org.coopledger.node.replication.Peer;
import org.coopledger.node.replication.RaftHost;
import org.coopledger.node.replication.RaftStatus;
import org.coopledger.node.replication.Reconfigurer;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.node.store.LedgerStore.StoredCheckpoint;
import org.coopledger.node.witness.NodeUrls;

/**
 * {@code /v1/node} (who this node is), {@code /v1/checkpoint} (its latest signed note) and {@code
 * /v1/snapshot} (where a node that installs its content continues from).
 */
final class NodeService implements HttpService {
  private final NodeConfig config;
  private final LedgerReader ledger;
  private final Checkpointer checkpointer;
  private final LedgerSigner signer;
  private final RaftHost raft;
  private final Reconfigurer reconfigurer;
  private final NodeUrls urls;

  NodeService(
      NodeConfig config,
      LedgerReader ledger,
      Checkpointer checkpointer,
      LedgerSigner signer,
      RaftHost raft,
      Reconfigurer reconfigurer,
      NodeUrls urls) {
    this.reconfigurer = reconfigurer;
    this.urls = urls;
    this.config = config;
    this.ledger = ledger;
    this.checkpointer = checkpointer;
    this.signer = signer;
    this.raft = raft;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/node", this::node)
        .get("/checkpoint", this::checkpoint)
        .get("/snapshot", this::snapshot);
  }

  /** Where a new or wiped node of the network starts from (see SnapshotInstall). */
  private void snapshot(ServerRequest request, ServerResponse response) {
    LedgerStore.Position position = ledger.position();
    response.send(
        new SnapshotPosition(
            position.treeSize(), position.applied().term(), position.applied().index()));
  }

  private void node(ServerRequest request, ServerResponse response) {
    LedgerView view = ledger.view();
    RaftStatus status = raft.status();
    GroupConfiguration group = raft.configuration();
    response.send(
        new NodeInfo(
            // Both null until the genesis entry is in the ledger: the origin is derived from it.
            signer.origin().orElse(null),
            config.coopId(),
            config.peerId(),
            signer.verifierKey().orElse(null),
            view.treeSize(),
            view.root().base64(),
            checkpointer.latestSize(),
            view.state().isFounded(),
            // What this node knows of its Raft group: its role, the leader (null while there is
            // none), and the Raft log index its tree size reflects.
            status.role(),
            status.term(),
            status.appliedIndex(),
            raft.address(),
            status.leaderId() == null ? null : peer(status.leaderId(), group),
            groupPeers(group),
            reconfigurer.mismatch().orElse(null)));
  }

  /**
   * The peers of the group's current configuration; for a group of one (or while this node knows no
   * configuration) the configured ones.
   */
  private List<PeerInfo> groupPeers(GroupConfiguration group) {
    if (raft.peers().isEmpty() || group.peers().isEmpty()) {
      return raft.peers().all().stream().map(p -> peer(p.id(), group)).toList();
    }
    return group.peers().keySet().stream().map(id -> peer(id, group)).toList();
  }

  private PeerInfo peer(String id, GroupConfiguration group) {
    Optional<Peer> peer = raft.peers().find(id);
    String address = group.peers().get(id);
    if (address == null) {
      address =
          peer.map(Peer::raftAddress).orElse(id.equals(raft.peerId()) ? raft.address() : null);
    }
    // The URL it announced (a node added later is known only so), else the configured one.
    return new PeerInfo(id, address, urls.url(id).map(Object::toString).orElse(null));
  }

  /** The latest checkpoint, or with {@code ?treeSize=N} the one stored for exactly N. */
  private void checkpoint(ServerRequest request, ServerResponse response) {
    StoredCheckpoint checkpoint;
    if (request.query().contains("treeSize")) {
      long size = Params.requiredQuery(request, "treeSize");
      checkpoint =
          ledger
              .checkpoint(size)
              .orElseThrow(
                  () ->
                      new ApiException(
                          ApiError.CHECKPOINT_NOT_FOUND,
                          "this node made no checkpoint at size " + size));
    } else {
      checkpoint =
          checkpointer
              .latest()
              .orElseThrow(
                  () ->
                      new ApiException(
                          ApiError.NOT_FOUNDED,
                          "this ledger has no checkpoint yet: the first one covers its genesis"
                              + " entry, which names the ledger"));
    }
    response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.send(checkpoint.note());
  }
}
