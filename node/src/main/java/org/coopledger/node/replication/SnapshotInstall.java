package org.coopledger.node.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.v1.EntryPageResponse;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.api.v1.SnapshotPosition;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.node.ledger.Ledger;
import org.coopledger.node.ledger.NewRecord;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;

/**
 * Brings a new or wiped node of a network level with the others before it takes part in Raft.
 *
 * <p>A node whose Raft directory is empty cannot say what it acknowledged before (if anything), and
 * Ratis' leader would not send it the log it lost. So before its Raft server starts, it asks its
 * peers for the current leader; if the leader's ledger is not empty, it rebuilds its own store from
 * the leader's records: it takes the leader's latest checkpoint, then the leader's {@code
 * /v1/snapshot} position (a tree size T and the Raft log position whose effects the leader's store
 * held with T records), then the first T records, and applies them with its own ledger exactly as
 * it applies replicated ones: every signature verified, every governance rule applied. Nothing the
 * leader says is taken on trust: the genesis must be of this node's co-op, the replayed state must
 * name this node (its peer id with its own key) as a node of the network, and the root of its own
 * rebuilt tree at the checkpoint's size must be the checkpoint's, signed by a node of the network
 * and cosigned by as many of its nodes as the rulebook's witness policy asks for (as the state
 * replayed here names them). Then the state machine records a snapshot at the leader's position,
 * and Raft sends the node the log after it.
 *
 * <p>Not thread-safe; runs once, before the Raft server starts.
 */
public final class SnapshotInstall {
  private static final Logger LOG = Logger.getLogger(SnapshotInstall.class.getName());

  /** The leader's records, checkpoint or position do not hold up; nothing was installed. */
  public static final String SNAPSHOT_REJECTED = "SNAPSHOT_REJECTED";

  /** A peer holds a ledger but no leader is there to install from (yet). */
  public static final String NO_LEADER_TO_INSTALL_FROM = "NO_LEADER_TO_INSTALL_FROM";

  private static final int PAGE = 1000;
  private static final int GROUP = 1000;
  private static final Duration POLL = Duration.ofMillis(300);

  /** What was installed: the tree size, the Raft position it continues from, and from where. */
  public record Installed(long treeSize, AppliedIndex position, URI from, long checkpointSize) {}

  private final String coopId;
  private final String peerId;
  private final PublicKey ownKey;
  private final Peers peers;
  private final LedgerStore store;
  private final Ledger ledger;

  public SnapshotInstall(
      String coopId,
      String peerId,
      PublicKey ownKey,
      Peers peers,
      LedgerStore store,
      Ledger ledger) {
    this.coopId = coopId;
    this.peerId = peerId;
    this.ownKey = ownKey;
    this.peers = peers;
    this.store = store;
    this.ledger = ledger;
  }

  /**
   * Whether a node must look for a snapshot: it is one of several peers and its Raft directory
   * holds nothing (a new node, or one whose data directory was wiped).
   */
  public static boolean needed(Path raftDirectory, Peers peers) {
    if (peers.isEmpty()) {
      return false;
    }
    if (!Files.isDirectory(raftDirectory)) {
      return true;
    }
    try (var children = Files.list(raftDirectory)) {
      return children.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + raftDirectory, e);
    }
  }

  /** The file that exists while a running node catches up from the leader's records. */
  public static final String CATCHING_UP = "catching-up";

  /**
   * Whether this node stopped while it caught up from the leader ({@link #CATCHING_UP} is in {@code
   * dataDirectory}): its store then holds records for which no Raft position is recorded. If so,
   * its store and its Raft directory are moved aside ({@code *.before-install-<millis>}), so that
   * it installs the ledger from the leader as a wiped node does.
   */
  public static boolean interrupted(Path dataDirectory) {
    Path flag = dataDirectory.resolve(CATCHING_UP);
    if (!Files.exists(flag)) {
      return false;
    }
    LOG.warning(
        "this node stopped while it caught up from the leader: setting its store and Raft log"
            + " aside and installing the ledger from the leader");
    long now = System.currentTimeMillis();
    for (String name : List.of("ledger", "raft")) {
      Path directory = dataDirectory.resolve(name);
      if (Files.isDirectory(directory)) {
        try {
          Files.move(directory, dataDirectory.resolve(name + ".before-install-" + now));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot move " + directory + " aside", e);
        }
      }
    }
    try {
      Files.delete(flag);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + flag, e);
    }
    return true;
  }

  /**
   * Moves a store that outlived its Raft directory aside ({@code ledger.before-install-<millis>}):
   * without its Raft log the node cannot tell which of its records the network committed, so it is
   * rebuilt from the network, and the old one is kept for the operator rather than deleted.
   */
  public static void setAside(Path ledgerDirectory) {
    try {
      if (!Files.isDirectory(ledgerDirectory)) {
        return;
      }
      try (var children = Files.list(ledgerDirectory)) {
        if (children.findAny().isEmpty()) {
          return;
        }
      }
      Path aside =
          ledgerDirectory.resolveSibling(
              ledgerDirectory.getFileName() + ".before-install-" + System.currentTimeMillis());
      Files.move(ledgerDirectory, aside);
      LOG.warning(
          "the Raft directory is empty but a ledger store was there: moved it to "
              + aside
              + " and rebuilding the store from the network");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + ledgerDirectory + " aside", e);
    }
  }

  /**
   * Finds the leader and, if its ledger is not empty, installs it (see the class comment). Waits
   * while a peer holds a ledger but there is no leader to install from: starting empty then could
   * make this node vote for a peer that lacks entries it had acknowledged. Returns empty (start as
   * a new member of a new network) if, within {@code patience}, no peer answers or every peer that
   * answers has an empty ledger.
   *
   * @throws ReplicationException {@link #SNAPSHOT_REJECTED} if what the leader serves does not hold
   */
  public Optional<Installed> run(Duration patience) throws InterruptedException {
    long quietUntil = System.nanoTime() + patience.toNanos();
    long nextLog = 0;
    while (true) {
      Probe probe = probe();
      if (probe.leader().isPresent()) {
        NodeClient leader = NodeClient.of(probe.leader().get());
        NodeInfo info = leader.nodeInfo();
        if (info.treeSize() == 0 && !probe.anyLedger()) {
          return Optional.empty();
        }
        if (info.treeSize() > 0) {
          return Optional.of(install(leader));
        }
      } else if (!probe.anyLedger()
          && (probe.answered() == peers.all().size() - 1 || System.nanoTime() > quietUntil)) {
        return Optional.empty();
      }
      if (probe.anyLedger() && System.nanoTime() > nextLog) {
        LOG.warning(
            "this node has no Raft log and a peer holds a ledger: waiting for a leader to install"
                + " it from before taking part in Raft (starting empty could elect a node that"
                + " lacks entries this one had acknowledged)");
        nextLog = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private record Probe(Optional<URI> leader, boolean anyLedger, int answered) {}

  private Probe probe() {
    Optional<URI> leader = Optional.empty();
    boolean anyLedger = false;
    int answered = 0;
    for (Peer peer : peers.all()) {
      if (peer.id().equals(peerId)) {
        continue;
      }
      NodeInfo info;
      try {
        info = NodeClient.of(peer.restUrl()).nodeInfo();
      } catch (RuntimeException e) {
        continue; // down, starting, or not a node: ask the others
      }
      answered++;
      anyLedger |= info.treeSize() > 0;
      if (info.leader() != null && !info.leader().peerId().equals(peerId)) {
        Optional<Peer> named = peers.find(info.leader().peerId());
        // The leader's URL from this node's own peer list, never from what a peer says.
        if (named.isPresent()) {
          leader = Optional.of(named.get().restUrl());
        }
      }
    }
    return new Probe(leader, anyLedger, answered);
  }

  /**
   * Brings this running node's store up to the leader's at {@code leader} (its REST URL), as {@link
   * #run} installs an empty one, from the records this node holds on: for a follower that fell
   * behind the start of the leader's Raft log, which the leader purged up to its latest snapshot.
   * Every record is verified and applied as a replicated one, and the root of this node's tree at
   * the leader's latest checkpoint must be the checkpoint's, cosigned as the state requires. The
   * caller holds off every other write to the store meanwhile.
   *
   * @return the Raft position the store now reflects; Raft continues after it
   * @throws ReplicationException {@link #SNAPSHOT_REJECTED} if what the leader serves does not hold
   *     (the records applied before the failure stay: each was verified)
   */
  public AppliedIndex catchUp(URI leader) {
    return install(NodeClient.of(leader)).position();
  }

  private Installed install(NodeClient leader) {
    long started = System.nanoTime();
    // The checkpoint first: the position read after it is at least as large.
    String note = leader.checkpoint();
    SnapshotPosition position = leader.snapshotPosition();
    SignedNote signed;
    Checkpoint checkpoint;
    try {
      signed = SignedNote.parse(note);
      checkpoint = Checkpoint.parse(signed.text());
    } catch (CoopException e) {
      throw rejected("the leader's checkpoint does not parse: " + e.getMessage());
    }
    if (checkpoint.size() > position.treeSize() || position.appliedIndex() < 0) {
      throw rejected(
          "the leader's checkpoint covers "
              + checkpoint.size()
              + " records but its store holds "
              + position.treeSize()
              + " at Raft index "
              + position.appliedIndex());
    }
    long held = store.treeSize();
    if (position.treeSize() < held || position.appliedIndex() < store.applied().index()) {
      throw rejected(
          "the leader's store holds "
              + position.treeSize()
              + " records at Raft index "
              + position.appliedIndex()
              + ", behind this node's "
              + held
              + " at "
              + store.applied().index());
    }
    LOG.info(
        "installing "
            + (position.treeSize() - held)
            + " records from the leader "
            + leader.url()
            + " (records "
            + held
            + " to "
            + position.treeSize()
            + ", Raft position "
            + position.appliedTerm()
            + ":"
            + position.appliedIndex()
            + ", checkpoint at "
            + checkpoint.size()
            + ")");
    AppliedIndex applied = new AppliedIndex(position.appliedTerm(), position.appliedIndex());
    boolean checked = false;
    long next = held;
    if (held > 0 && checkpoint.size() <= held) {
      // This node holds the checkpoint's records already: they must be the network's.
      verifyCheckpoint(signed, checkpoint);
      checked = true;
    }
    if (next == position.treeSize()) {
      LedgerBatch write = new LedgerBatch(next);
      write.applied(applied);
      store.commitReplayable(write);
    }
    List<NewRecord> group = new ArrayList<>();
    while (next < position.treeSize()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new ReplicationException(
            "NODE_STOPPING", "the node is stopping; " + (next - held) + " records were installed");
      }
      EntryPageResponse page =
          leader.entries(next, (int) Math.min(PAGE, position.treeSize() - next));
      if (page.entries().isEmpty() || page.start() != next) {
        throw rejected("the leader's page at " + next + " is empty or starts elsewhere");
      }
      for (EntryResponse entry : page.entries()) {
        if (entry.index() != next || next >= position.treeSize()) {
          throw rejected("the leader sent record " + entry.index() + " where " + next + " belongs");
        }
        group.add(NewRecord.replicated(leafBytes(entry)));
        next++;
        // A group ends at the checkpoint's size, so that its root is checked right there.
        if (group.size() == GROUP || next == checkpoint.size() || next == position.treeSize()) {
          apply(group, next == position.treeSize() ? applied : AppliedIndex.NONE);
          group.clear();
          if (next == checkpoint.size()) {
            verifyCheckpoint(signed, checkpoint);
            checked = true;
          }
        }
      }
    }
    if (!checked) {
      throw rejected("the leader's checkpoint does not cover any of its records");
    }
    store.sync();
    LOG.info(
        "installed "
            + (position.treeSize() - held)
            + " records in "
            + Duration.ofNanos(System.nanoTime() - started).toMillis()
            + " ms; following the Raft log after index "
            + position.appliedIndex());
    return new Installed(position.treeSize(), applied, leader.uri(), checkpoint.size());
  }

  /**
   * Watches, in the background, that the leader sends the log after an installed position. Ratis'
   * leader keeps its own view of a follower across the follower's restart: after a follower was
   * down under load, the leader was seen to send it nothing but heartbeats that it refuses (its log
   * starts after the installed position), until the leader changed. If this node has applied
   * nothing after {@code installed} for {@link #NUDGE_AFTER} while the leader has, it asks the
   * leader to step down (at most {@link #NUDGES} times); the next leader starts from its own log's
   * end, which this node's log continues. Writes pause for one election (about a second).
   */
  public static void watch(RaftHost raft, Peers peers, AppliedIndex installed) {
    Thread.ofVirtual()
        .name("install-watch")
        .start(
            () -> {
              try {
                for (int nudge = 0; nudge < NUDGES; nudge++) {
                  Thread.sleep(NUDGE_AFTER.toMillis());
                  if (raft.status().appliedIndex() > installed.index()) {
                    return;
                  }
                  Optional<Peer> leader = raft.leaderId().flatMap(peers::find);
                  if (leader.isEmpty() || leader.get().id().equals(raft.peerId())) {
                    continue;
                  }
                  long leaderApplied;
                  try {
                    leaderApplied = NodeClient.of(leader.get().restUrl()).nodeInfo().appliedIndex();
                  } catch (RuntimeException e) {
                    continue;
                  }
                  if (leaderApplied <= installed.index()) {
                    continue; // nothing new to send: heartbeats at the installed position succeed
                  }
                  LOG.warning(
                      "the leader "
                          + leader.get().id()
                          + " has applied up to "
                          + leaderApplied
                          + " but sent nothing after the installed position "
                          + installed.index()
                          + ": asking it to step down");
                  try {
                    raft.client().admin().transferLeadership(null, 5_000);
                  } catch (IOException | RuntimeException e) {
                    LOG.warning("asking the leader to step down failed: " + e);
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  private static final Duration NUDGE_AFTER = Duration.ofSeconds(10);
  private static final int NUDGES = 3;

  private static byte[] leafBytes(EntryResponse entry) {
    try {
      return entry.leafBytes();
    } catch (IllegalArgumentException e) {
      throw rejected("record " + entry.index() + " is not base64");
    }
  }

  /** Applies a group as a follower applies a replicated one: every record must be accepted. */
  private void apply(List<NewRecord> group, AppliedIndex position) {
    long first = store.treeSize();
    LedgerBatch write = new LedgerBatch(first);
    Ledger.Applied result = ledger.apply(group, write);
    for (int i = 0; i < result.results().size(); i++) {
      if (result.results().get(i) instanceof RecordResult.Rejected r) {
        throw rejected(
            "record "
                + (first + i)
                + " does not hold: "
                + r.code().name()
                + " "
                + r.message()
                + " (a ledger holds only entries its rules accepted)");
      }
      if (result.results().get(i) instanceof RecordResult.Accepted a && a.duplicate()) {
        throw rejected(
            "record "
                + (first + i)
                + " repeats the entry of record "
                + a.index()
                + " (a ledger holds each entry once)");
      }
    }
    write.applied(position);
    store.commitReplayable(write);
    result.publish();
    if (first == 0) {
      requireOwnCoop();
    }
  }

  private void requireOwnCoop() {
    CoopState state = ledger.view().state();
    if (!state.coopId().equals(coopId)) {
      throw rejected(
          "the leader's genesis entry founds co-op '"
              + state.coopId()
              + "', not this node's '"
              + coopId
              + "'");
    }
  }

  /**
   * The rebuilt tree's root at the checkpoint's size must be the checkpoint's, and the checkpoint
   * signed and cosigned as the network replayed here says.
   */
  private void verifyCheckpoint(SignedNote note, Checkpoint checkpoint) {
    CoopState state = ledger.view().state();
    String origin = LedgerOrigin.ofGenesisRecord(ledger.record(0).orElseThrow());
    if (!checkpoint.origin().equals(origin)) {
      throw rejected(
          "the checkpoint's origin "
              + checkpoint.origin()
              + " is not the ledger's own ("
              + origin
              + ")");
    }
    Hash root = ledger.root(checkpoint.size());
    if (!root.equals(Hash.of(checkpoint.rootHash()))) {
      throw rejected(
          "the root of the records received, "
              + root.base64()
              + " at size "
              + checkpoint.size()
              + ", is not the checkpoint's");
    }
    if (state.nodes().isEmpty()) {
      throw rejected(
          "the co-op names no nodes in its state, so no cosigned checkpoint can vouch for the"
              + " records: rebuild this node from a copy of its own data directory instead");
    }
    NetworkNode self = state.nodes().get(peerId);
    if (self == null || !self.key().equals(ownKey)) {
      throw rejected(
          "the ledger does not name this node ("
              + peerId
              + ") with this node's key as a node of the co-op's network: restore its"
              + " node-key.pem, or have the co-op add or replace it with a node_change proposal");
    }
    List<NoteVerifier> logs = new ArrayList<>();
    List<NoteVerifier> witnesses = new ArrayList<>();
    for (NetworkNode n : state.nodes().values()) {
      logs.add(NoteVerifier.of(origin, SignatureType.ED25519, n.key()));
      witnesses.add(NoteVerifier.of(n.name(), SignatureType.COSIGNATURE_V1, n.key()));
    }
    int required = state.parsedRulebook().witnesses();
    try {
      note.verifyQuorum(logs, 1);
      note.verifyQuorum(witnesses, required);
    } catch (CoopException e) {
      throw rejected(
          "the checkpoint at "
              + checkpoint.size()
              + " is not signed by a node and cosigned by "
              + required
              + " nodes of the network: "
              + e.getMessage());
    }
  }

  private static ReplicationException rejected(String detail) {
    return new ReplicationException(
        SNAPSHOT_REJECTED, "the snapshot offered by the leader is refused: " + detail);
  }
}
