package org.coopledger.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.checkpoint.Checkpointer;
import org.coopledger.node.checkpoint.LedgerSigner;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.ledger.LedgerView;
import org.coopledger.node.replication.Peer;
import org.coopledger.node.replication.RaftHost;
import org.coopledger.node.replication.RaftStatus;
import org.coopledger.node.store.LedgerStore.StoredCheckpoint;

/** {@code /v1/node} (who this node is) and {@code /v1/checkpoint} (its latest signed note). */
final class NodeService implements HttpService {
  private final NodeConfig config;
  private final LedgerReader ledger;
  private final Checkpointer checkpointer;
  private final LedgerSigner signer;
  private final RaftHost raft;

  NodeService(
      NodeConfig config,
      LedgerReader ledger,
      Checkpointer checkpointer,
      LedgerSigner signer,
      RaftHost raft) {
    this.config = config;
    this.ledger = ledger;
    this.checkpointer = checkpointer;
    this.signer = signer;
    this.raft = raft;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/node", this::node).get("/checkpoint", this::checkpoint);
  }

  private void node(ServerRequest request, ServerResponse response) {
    LedgerView view = ledger.view();
    Map<String, Object> out = new LinkedHashMap<>();
    // Both null until the genesis entry is in the ledger: the origin is derived from it.
    out.put("origin", signer.origin().orElse(null));
    out.put("coopId", config.coopId());
    out.put("peerId", config.peerId());
    out.put("verifierKey", signer.verifierKey().orElse(null));
    out.put("treeSize", view.treeSize());
    out.put("rootHash", view.root().base64());
    out.put("checkpointSize", checkpointer.latestSize());
    out.put("founded", view.state().isFounded());
    // What this node knows of its Raft group: its role, the leader (null while there is none),
    // and the Raft log index its tree size reflects.
    RaftStatus status = raft.status();
    out.put("role", status.role());
    out.put("term", status.term());
    out.put("appliedIndex", status.appliedIndex());
    out.put("raftAddress", raft.address());
    out.put("leader", status.leaderId() == null ? null : peer(status.leaderId()));
    List<Map<String, Object>> peers = new ArrayList<>();
    for (Peer peer : raft.peers().all()) {
      peers.add(peer(peer.id()));
    }
    out.put("peers", peers);
    Json.ok(response, out);
  }

  private Map<String, Object> peer(String id) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("peerId", id);
    Optional<Peer> peer = raft.peers().find(id);
    if (peer.isPresent()) {
      out.put("raftAddress", peer.get().raftAddress());
      out.put("url", peer.get().restUrl().toString());
    } else if (id.equals(raft.peerId())) {
      out.put("raftAddress", raft.address());
      out.put("url", null);
    }
    return out;
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
                      ApiException.notFound(
                          "CHECKPOINT_NOT_FOUND", "this node made no checkpoint at size " + size));
    } else {
      checkpoint =
          checkpointer
              .latest()
              .orElseThrow(
                  () ->
                      ApiException.notFound(
                          "NOT_FOUNDED",
                          "this ledger has no checkpoint yet: the first one covers its genesis"
                              + " entry, which names the ledger"));
    }
    response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.send(checkpoint.note());
  }
}
