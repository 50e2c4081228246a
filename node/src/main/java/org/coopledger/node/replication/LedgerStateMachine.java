package org.coopledger.node.replication;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
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
  private final SimpleStateMachineStorage snapshots = new SimpleStateMachineStorage();
  private final LedgerStore store;
  private final Ledger ledger;
  private final LocalGroups local = new LocalGroups();
  private final AppliedWaiters applied = new AppliedWaiters();
  private volatile AppliedIndex installed;

  public LedgerStateMachine(LedgerStore store, Ledger ledger) {
    this.store = store;
    this.ledger = ledger;
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
    applied.failAll(new ReplicationException("NODE_STOPPING", "the node is stopping"));
    super.close();
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

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    snapshots.init(raftStorage);
    if (installed != null && snapshots.loadLatestSnapshot() == null) {
      store.sync();
      writeMarker(TermIndex.valueOf(installed.term(), installed.index()));
    }
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
    TermIndex last = getLastAppliedTermIndex();
    if (last == null || last.getIndex() < 0) {
      return -1;
    }
    // The store is written without a sync per group (the Raft log is the synced copy); before the
    // marker lets Ratis purge the log below it, everything the store holds must be on the disk.
    store.sync();
    writeMarker(last);
    return last.getIndex();
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
      updateLastAppliedTermIndex(position);
      ledger.reached(position.getTerm(), position.getIndex());
      applied.reached(position.getIndex());
      return CompletableFuture.completedFuture(BatchResults.encode(List.of()));
    }
    if (position.getIndex() <= store.applied().index()) {
      updateLastAppliedTermIndex(position);
      ledger.reached(position.getTerm(), position.getIndex());
      applied.reached(position.getIndex());
      return CompletableFuture.completedFuture(BatchResults.encode(alreadyApplied(records.size())));
    }
    LedgerBatch write = new LedgerBatch(store.treeSize());
    Ledger.Applied result = ledger.apply(records, write);
    write.applied(new AppliedIndex(position.getTerm(), position.getIndex()));
    // One fsync per group: the Raft log entry holding the group is already synced, and a store
    // write lost with the machine is written again when the log is replayed at restart.
    store.commitReplayable(write);
    result.publish();
    updateLastAppliedTermIndex(position);
    ledger.reached(position.getTerm(), position.getIndex());
    applied.reached(position.getIndex());
    return CompletableFuture.completedFuture(BatchResults.encode(result.results()));
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
