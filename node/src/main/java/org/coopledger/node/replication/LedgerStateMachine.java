package org.coopledger.node.replication;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;
import org.coopledger.node.ledger.Ledger;
import org.coopledger.node.ledger.NewRecord;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.replication.proto.Batch;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;

/**
 * The Ratis state machine of the ledger. Each Raft log entry is a {@link Batch}; applying it runs
 * the governance rules for every record and commits all effects, with the Raft term-index, in one
 * RocksDB batch. The Raft log entry is synced before it is applied; the RocksDB batch is not (one
 * fsync per group): after a crash the log after the last snapshot marker is replayed, and the store
 * is synced before each marker. On the leader the group's checked entries come with the transaction
 * ({@link #startTransaction}); elsewhere they are decoded from the log entry. A log entry at or
 * below the stored applied index is skipped, which makes replay after a crash idempotent.
 */
public final class LedgerStateMachine extends BaseStateMachine {
  private static final Logger LOG = Logger.getLogger(LedgerStateMachine.class.getName());
  private final SimpleStateMachineStorage snapshots = new SimpleStateMachineStorage();
  private final LedgerStore store;
  private final Ledger ledger;
  private final LocalGroups local = new LocalGroups();
  private final AppliedWaiters applied = new AppliedWaiters();
  private volatile AppliedIndex installed;
  private volatile CatchUp catchUp;
  private volatile Path catchingUp;
  private volatile boolean closing;

  /** The thread of the catch-up running in the background, if any. */
  private final AtomicReference<Thread> catchingUpNow = new AtomicReference<>();

  /** Serialises the two writers of the store: applying the log, and catching up from the leader. */
  private final Object writing = new Object();

  /**
   * Brings a follower's store up to the leader's when the leader no longer holds the log it lacks
   * (it purged it up to a snapshot): given the leader's peer id, it fetches, verifies and applies
   * the records this node lacks and returns the Raft position its store then reflects.
   */
  @FunctionalInterface
  public interface CatchUp {
    AppliedIndex from(String leaderId);
  }

  /**
   * Records applied since the latest snapshot marker, and whether a marker was asked for: Ratis
   * counts Raft log entries between markers, and one entry may hold a thousand records.
   */
  private volatile long recordsSinceMarker;

  private final AtomicBoolean markerAsked = new AtomicBoolean();
  private final long snapshotEvery;

  public LedgerStateMachine(LedgerStore store, Ledger ledger) {
    this(store, ledger, Long.MAX_VALUE);
  }

  /**
   * @param snapshotEvery records applied between snapshot markers (besides Ratis' own trigger,
   *     which counts Raft log entries)
   */
  public LedgerStateMachine(LedgerStore store, Ledger ledger, long snapshotEvery) {
    this.store = store;
    this.ledger = ledger;
    this.snapshotEvery = snapshotEvery;
  }

  /** Where this node's {@link Replicator} leaves the groups it submits to its own server. */
  public LocalGroups localGroups() {
    return local;
  }

  /**
   * Completes once this node has applied the Raft log up to {@code index} (at once if it has): a
   * node that forwarded entries to the leader answers only when its own store holds them, so that
   * its receipt and every read on it that follows see them.
   */
  public CompletableFuture<Void> awaitApplied(long index) {
    return applied.await(index);
  }

  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    super.notifyTermIndexUpdated(term, index);
    ledger.reached(term, index);
    applied.reached(index);
  }

  @Override
  public void close() throws IOException {
    stopCatchingUp();
    applied.failAll(new ReplicationException("NODE_STOPPING", "the node is stopping"));
    super.close();
  }

  /**
   * Stops a catch-up in progress, for the node is stopping: before the Raft server stops, whose
   * apply thread waits for the catch-up. Records it applied stay, with the mark that has the next
   * start rebuild the store ({@link SnapshotInstall#interrupted}).
   */
  public void stopCatchingUp() {
    closing = true;
    Thread running = catchingUpNow.get();
    if (running != null && running.isAlive()) {
      // It stops before its next page of records; a catch-up past its last page completes.
      running.interrupt();
      try {
        running.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (running.isAlive()) {
        LOG.warning(
            "a catch-up from the leader did not stop within 10 s: if it applied records, the next"
                + " start installs the ledger from the leader again");
      }
    }
  }

  /**
   * Has the state machine start from {@code position}, whose effects the store holds because they
   * were installed from the network before the Raft server started ({@link SnapshotInstall}): on
   * initialisation it records a snapshot there, so that Ratis opens the log after it and the leader
   * sends the entries that follow.
   */
  public void installed(AppliedIndex position) {
    this.installed = position;
  }

  /**
   * How this node catches up with a leader that purged the log it lacks (see {@link CatchUp}).
   * While it does, the file {@code flag} exists: a store that holds part of what the leader sent
   * has no Raft position its log could continue from, so a node that finds the file when it starts
   * must rebuild its store ({@link SnapshotInstall#interrupted}).
   */
  public void catchUpWith(CatchUp catchUp, Path flag) {
    this.catchingUp = flag;
    this.catchUp = catchUp;
  }

  /**
   * Ratis' leader purged the log this follower lacks (it keeps only the log after its latest
   * snapshot marker, less a preserved tail), or it adds this node to the group: instead of sending
   * one of our markers, which are not copies of the store, it asks this state machine to catch up
   * by itself. The answer is always given at once, so that Ratis never waits on this state machine
   * (while it waits it refuses the log, and it finishes only at a further notice from the leader,
   * which a leader that still holds this node's next index never sends):
   *
   * <ul>
   *   <li>If the store reaches the start of the leader's log, this node has installed it: the store
   *       is synced, a snapshot marker records its position, and Ratis reloads this state machine
   *       from it and tells the leader to go on from there.
   *   <li>Otherwise a catch-up starts in the background, with the records from the leader's REST
   *       API, every one verified ({@link SnapshotInstall#catchUp}), unless one runs already; the
   *       answer is "no snapshot yet", and the leader asks again at its next heartbeat. Meanwhile
   *       Ratis takes whatever log a leader can still send, and applying it waits for the catch-up
   *       and skips what the catch-up applied.
   * </ul>
   */
  @Override
  public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(
      RaftProtos.RoleInfoProto role, TermIndex firstInLeaderLog) {
    if (catchUp == null) {
      // Ratis' default: no snapshot here, so the leader replays the log to this node.
      return CompletableFuture.completedFuture(null);
    }
    synchronized (catchingUpNow) {
      Thread running = catchingUpNow.get();
      if (running != null && running.isAlive()) {
        return CompletableFuture.completedFuture(null);
      }
      AppliedIndex held = store.applied();
      TermIndex ratisApplied = getLastAppliedTermIndex();
      long ratisIndex = ratisApplied == null ? -1 : ratisApplied.getIndex();
      // An empty store (index -1) is never reported: Ratis would wait for an install at -1.
      if (held.index() >= 0
          && held.index() >= firstInLeaderLog.getIndex() - 1
          && held.index() >= ratisIndex) {
        TermIndex position = TermIndex.valueOf(held.term(), held.index());
        try {
          synchronized (writing) {
            store.sync();
            writeMarker(position);
          }
        } catch (IOException e) {
          LOG.warning("cannot record the position caught up to: " + e.getMessage());
          return CompletableFuture.completedFuture(null);
        }
        LOG.info(
            "caught up with the leader's log (it starts at "
                + firstInLeaderLog.getIndex()
                + "): following it after Raft index "
                + position.getIndex());
        return CompletableFuture.completedFuture(position);
      }
      String leader = role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8();
      catchingUpNow.set(
          Thread.ofVirtual()
              .name("catch-up")
              .start(
                  () -> {
                    try {
                      catchUpFrom(leader);
                    } catch (RuntimeException | IOException e) {
                      LOG.warning(
                          "catching up from the leader "
                              + leader
                              + " (its log starts at "
                              + firstInLeaderLog
                              + ") failed, it will ask again: "
                              + e.getMessage());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
      return CompletableFuture.completedFuture(null);
    }
  }

  /**
   * Catches up, holding off the log's apply meanwhile. A failure after some records were applied
   * leaves the store ahead of the Raft position it records, so replaying the log onto it would
   * apply those records twice: the catch-up is then tried again (from where it stopped, with the
   * current leader) until it succeeds or the node stops; a node stopped meanwhile rebuilds its
   * store when it starts ({@link SnapshotInstall#interrupted}). Once it is done the store is whole
   * at the position reached, which the next notice from the leader reports to Ratis.
   */
  private void catchUpFrom(String leader) throws IOException, InterruptedException {
    CatchUp using = catchUp;
    if (using == null || leader.isEmpty()) {
      throw new ReplicationException("NOT_READY", "this node cannot catch up from the leader yet");
    }
    synchronized (writing) {
      Files.writeString(catchingUp, leader + "\n", StandardCharsets.UTF_8);
      long heldBefore = store.treeSize();
      String from = leader;
      AppliedIndex reached;
      for (int attempt = 1; ; attempt++) {
        try {
          reached = using.from(from);
          break;
        } catch (RuntimeException e) {
          // Records were applied (each group before the last records no Raft position): the store
          // is at no position the log could continue from until the catch-up completes.
          boolean partial = store.treeSize() != heldBefore;
          if (!partial || closing) {
            if (!partial) {
              Files.deleteIfExists(catchingUp);
            }
            throw e;
          }
          LOG.warning(
              "catching up from the leader "
                  + from
                  + " failed after applying part of its records (attempt "
                  + attempt
                  + "), trying again from record "
                  + store.treeSize()
                  + ": "
                  + e.getMessage());
          Thread.sleep(Math.min(5_000, 500L * attempt));
          from = currentLeader().orElse(from);
        }
      }
      Files.deleteIfExists(catchingUp);
      ledger.reached(reached.term(), reached.index());
      applied.reached(reached.index());
    }
  }

  /** The leader this node's Raft server knows now, if any and not this node. */
  private Optional<String> currentLeader() {
    try {
      RaftServer server = getServer().getNow(null);
      if (server == null) {
        return Optional.empty();
      }
      RaftPeerId id = server.getDivision(getGroupId()).getInfo().getLeaderId();
      return id == null || id.equals(server.getId())
          ? Optional.empty()
          : Optional.of(id.toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void pause() {
    // Ratis pauses the state machine before it reloads it from a snapshot installed above.
    if (getLifeCycle().getCurrentState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    snapshots.init(raftStorage);
    if (installed != null && snapshots.loadLatestSnapshot() == null) {
      store.sync();
      writeMarker(TermIndex.valueOf(installed.term(), installed.index()));
    }
    getLifeCycle().transition(LifeCycle.State.STARTING);
    reinitialize();
  }

  /**
   * Starts from the latest snapshot marker, as Ratis expects: it replays the log after it and
   * reports every entry (including its own configuration entries) in order. Entries the store
   * already holds are then skipped by {@link #applyTransaction}, so the store may be ahead of the
   * marker, never behind it.
   */
  @Override
  public void reinitialize() throws IOException {
    SingleFileSnapshotInfo snapshot = snapshots.loadLatestSnapshot();
    if (snapshot != null) {
      setLastAppliedTermIndex(snapshot.getTermIndex());
    }
    if (getLifeCycle().getCurrentState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
    }
    if (getLifeCycle().getCurrentState() == LifeCycle.State.STARTING) {
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  /**
   * Records that everything up to the last applied index is durable. The state itself is already in
   * RocksDB; the snapshot file only names the Raft position so that Ratis can purge the log below
   * it and restart from there instead of replaying the whole log.
   */
  @Override
  public long takeSnapshot() throws IOException {
    synchronized (writing) {
      TermIndex last = getLastAppliedTermIndex();
      if (last == null || last.getIndex() < 0) {
        return -1;
      }
      // The store is written without a sync per group (the Raft log is the synced copy); before
      // the marker lets Ratis purge the log below it, everything the store holds must be on disk.
      store.sync();
      writeMarker(last);
      recordsSinceMarker = 0;
      markerAsked.set(false);
      return last.getIndex();
    }
  }

  /**
   * Asks this node's Raft server for a snapshot now (it takes it on the apply thread, then purges
   * the log below it, as for one it triggers itself).
   */
  private void askForMarker() {
    getServer()
        .thenAccept(
            server -> {
              try {
                server
                    .snapshotManagementAsync(
                        SnapshotManagementRequest.newCreate(
                            ClientId.randomId(), server.getId(), getGroupId(), 0, 30_000, 1))
                    .whenComplete((reply, e) -> markerAsked.set(false));
              } catch (RuntimeException e) {
                markerAsked.set(false);
              }
            });
  }

  private void writeMarker(TermIndex last) throws IOException {
    File file = snapshots.getSnapshotFile(last.getTerm(), last.getIndex());
    String body = "tree_size=" + store.treeSize() + "\napplied=" + store.applied() + "\n";
    Files.writeString(file.toPath(), body, StandardCharsets.UTF_8);
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    snapshots.updateLatestSnapshot(
        new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
  }

  /**
   * On the leader, attaches the checked entries of a group this node submitted itself, so that
   * {@link #applyTransaction} applies them without decoding or verifying them again.
   */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) {
    return TransactionContext.newBuilder()
        .setStateMachine(this)
        .setClientRequest(request)
        .setStateMachineContext(local.take(request))
        .build();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    TermIndex position = TermIndex.valueOf(entry);
    List<NewRecord> records = checkedRecords(trx);
    if (records == null) {
      records = replicatedRecords(entry.getStateMachineLogEntry().getLogData());
    }
    if (records == null) {
      // Only nodes write batches, so this is a bug, not a client mistake; skipping keeps every
      // replica identical because all of them skip it the same way.
      reached(position);
      return CompletableFuture.completedFuture(BatchResults.encode(List.of()));
    }
    CompletableFuture<Message> result;
    synchronized (writing) {
      result = apply(position, records);
    }
    // Asked outside the lock: Ratis takes its server lock for it, and a notice to install a
    // snapshot holds that lock while it waits for this one.
    if (recordsSinceMarker >= snapshotEvery && markerAsked.compareAndSet(false, true)) {
      askForMarker();
    }
    return result;
  }

  private CompletableFuture<Message> apply(TermIndex position, List<NewRecord> records) {
    if (position.getIndex() <= store.applied().index()) {
      reached(position);
      return CompletableFuture.completedFuture(BatchResults.encode(alreadyApplied(records.size())));
    }
    LedgerBatch write = new LedgerBatch(store.treeSize());
    Ledger.Applied result = ledger.apply(records, write);
    write.applied(new AppliedIndex(position.getTerm(), position.getIndex()));
    // One fsync per group: the Raft log entry holding the group is already synced, and a store
    // write lost with the machine is written again when the log is replayed at restart.
    store.commitReplayable(write);
    result.publish();
    recordsSinceMarker += records.size();
    reached(position);
    return CompletableFuture.completedFuture(BatchResults.encode(result.results()));
  }

  /** Records that the log is applied up to {@code position}, for Ratis, the ledger and waiters. */
  private void reached(TermIndex position) {
    updateLastAppliedTermIndex(position);
    ledger.reached(position.getTerm(), position.getIndex());
    applied.reached(position.getIndex());
  }

  @SuppressWarnings("unchecked")
  private static List<NewRecord> checkedRecords(TransactionContext trx) {
    return trx.getStateMachineContext() instanceof List<?> list ? (List<NewRecord>) list : null;
  }

  private static List<NewRecord> replicatedRecords(ByteString data) {
    Batch batch;
    try {
      batch = Batch.parseFrom(data.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return null;
    }
    List<NewRecord> records = new ArrayList<>(batch.getRecordsCount());
    for (com.google.protobuf.ByteString record : batch.getRecordsList()) {
      records.add(NewRecord.replicated(record.toByteArray()));
    }
    return records;
  }

  private static List<RecordResult> alreadyApplied(int count) {
    RecordResult replayed =
        new RecordResult.Rejected(
            ErrorCode.of("ALREADY_APPLIED", ErrorCategory.CONFLICT),
            "this Raft log entry was applied before the node restarted");
    return java.util.Collections.nCopies(count, replayed);
  }
}
