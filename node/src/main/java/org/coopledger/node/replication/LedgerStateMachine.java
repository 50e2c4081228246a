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
import org.coopledger.node.replication.proto.Batch;
import org.coopledger.node.replication.proto.BatchResult;
import org.coopledger.node.replication.proto.EntryResult;
import org.coopledger.node.replication.proto.Rejected;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;

/**
 * The Ratis state machine of the ledger. Each Raft log entry is a {@link Batch}; applying it runs
 * the governance rules for every record and commits all effects, with the Raft term-index, in one
 * synced RocksDB batch. A log entry at or below the stored applied index is skipped, which makes
 * replay after a crash idempotent.
 */
public final class LedgerStateMachine extends BaseStateMachine {
  private final SimpleStateMachineStorage snapshots = new SimpleStateMachineStorage();
  private final LedgerStore store;
  private final BatchApplier applier;

  public LedgerStateMachine(LedgerStore store, BatchApplier applier) {
    this.store = store;
    this.applier = applier;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    snapshots.init(raftStorage);
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
    File file = snapshots.getSnapshotFile(last.getTerm(), last.getIndex());
    String body = "tree_size=" + store.treeSize() + "\napplied=" + store.applied() + "\n";
    Files.writeString(file.toPath(), body, StandardCharsets.UTF_8);
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    snapshots.updateLatestSnapshot(
        new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
    return last.getIndex();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    TermIndex position = TermIndex.valueOf(entry);
    ByteString data = entry.getStateMachineLogEntry().getLogData();
    Batch batch;
    try {
      batch = Batch.parseFrom(data.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      // Only this node writes batches, so this is a bug, not a client mistake; skipping keeps
      // every replica identical because all of them skip it the same way.
      updateLastAppliedTermIndex(position);
      return CompletableFuture.completedFuture(reply(BatchResult.getDefaultInstance()));
    }
    if (position.getIndex() <= store.applied().index()) {
      updateLastAppliedTermIndex(position);
      return CompletableFuture.completedFuture(reply(alreadyApplied(batch.getRecordsCount())));
    }
    List<byte[]> records = new ArrayList<>(batch.getRecordsCount());
    for (com.google.protobuf.ByteString record : batch.getRecordsList()) {
      records.add(record.toByteArray());
    }
    LedgerBatch write = new LedgerBatch(store.treeSize());
    BatchApplier.Applied applied = applier.apply(records, write);
    write.applied(new AppliedIndex(position.getTerm(), position.getIndex()));
    store.commit(write);
    applied.publish();
    updateLastAppliedTermIndex(position);
    return CompletableFuture.completedFuture(
        reply(BatchResult.newBuilder().addAllResults(applied.results()).build()));
  }

  private static BatchResult alreadyApplied(int count) {
    BatchResult.Builder result = BatchResult.newBuilder();
    EntryResult replayed =
        EntryResult.newBuilder()
            .setRejected(
                Rejected.newBuilder()
                    .setCode("ALREADY_APPLIED")
                    .setMessage("this Raft log entry was applied before the node restarted"))
            .build();
    for (int i = 0; i < count; i++) {
      result.addResults(replayed);
    }
    return result.build();
  }

  private static Message reply(BatchResult result) {
    return Message.valueOf(ByteString.copyFrom(result.toByteArray()));
  }
}
