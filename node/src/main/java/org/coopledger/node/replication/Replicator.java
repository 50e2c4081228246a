package org.coopledger.node.replication;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.coopledger.node.ledger.CheckedEntry;
import org.coopledger.node.ledger.NewRecord;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.replication.proto.Batch;

/**
 * Puts a group of checked entries into the Raft log as one log entry and answers with one result
 * per entry once that log entry is applied and durable. Stamps each record with the acceptance time
 * (never decreasing), which then travels in the log so that every replica applies the same time.
 *
 * <p>On the leader the group goes straight to this node's own {@code RaftServer}, and the checked
 * entries go with it as the transaction's context ({@link LedgerStateMachine} picks them up, as
 * Ratis' FileStore example keeps its parsed request): no RPC to itself, no second decode. A node
 * that is not the leader forwards the log entry's bytes with a Raft client instead (Ratis' own
 * client protocol, which finds the leader, follows it through elections and retries a request under
 * the same call id, so that the leader's retry cache answers a retry of a committed request instead
 * of appending it twice); the leader then decodes and verifies every signature itself, and this
 * node answers once its own store has applied the log entry.
 *
 * <p>{@link #submit} is called by one thread at a time (the batcher's worker), which keeps groups
 * in submission order in the log.
 */
public final class Replicator {
  private final RaftHost raft;
  private final Clock clock;
  private final LocalGroups local;
  private final LedgerStateMachine stateMachine;
  private final AtomicLong callIds = new AtomicLong();
  private long lastAcceptedAt;

  /**
   * @param stateMachine {@code raft}'s state machine: where it looks for the groups this node
   *     submits, and when this node has applied a forwarded one
   */
  public Replicator(RaftHost raft, LedgerStateMachine stateMachine, Clock clock) {
    this.raft = raft;
    this.stateMachine = stateMachine;
    this.local = stateMachine.localGroups();
    this.clock = clock;
  }

  /**
   * Replicates {@code entries} as one Raft log entry. The future completes with one result per
   * entry, in order, or exceptionally with {@link ReplicationException} if the log entry was not
   * committed.
   */
  public CompletableFuture<List<RecordResult>> submit(List<CheckedEntry> entries) {
    lastAcceptedAt = Math.max(lastAcceptedAt, clock.millis());
    List<NewRecord> records = new ArrayList<>(entries.size());
    Batch.Builder batch = Batch.newBuilder();
    for (CheckedEntry entry : entries) {
      NewRecord record = NewRecord.of(entry, lastAcceptedAt);
      records.add(record);
      batch.addRecords(com.google.protobuf.UnsafeByteOperations.unsafeWrap(record.bytes()));
    }
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(batch.build().toByteArray()));
    if (!raft.leaderReady()) {
      return forward(message, entries.size());
    }
    long callId = callIds.incrementAndGet();
    local.put(callId, records);
    CompletableFuture<RaftClientReply> reply;
    try {
      reply =
          raft.server()
              .submitClientRequestAsync(
                  RaftClientRequest.newBuilder()
                      .setClientId(local.clientId())
                      .setServerId(raft.server().getId())
                      .setGroupId(raft.groupId())
                      .setCallId(callId)
                      .setMessage(message)
                      .setType(RaftClientRequest.writeRequestType())
                      .build());
    } catch (IOException e) {
      local.remove(callId);
      return CompletableFuture.failedFuture(
          new ReplicationException("NOT_COMMITTED", "the Raft server refused the entries: " + e));
    }
    return reply.thenCompose(
        r -> {
          local.remove(callId);
          if (r.getNotLeaderException() != null
              || r.getException() instanceof LeaderNotReadyException) {
            // Leadership moved between the check above and the submission.
            return forward(message, entries.size());
          }
          return CompletableFuture.completedFuture(results(r, entries.size()));
        });
  }

  private CompletableFuture<List<RecordResult>> forward(Message message, int count) {
    return raft.client()
        .async()
        .send(message)
        .thenCompose(
            r -> {
              List<RecordResult> results = results(r, count);
              return stateMachine.awaitApplied(r.getLogIndex()).thenApply(applied -> results);
            });
  }

  private static List<RecordResult> results(RaftClientReply reply, int count) {
    if (!reply.isSuccess()) {
      NotLeaderException notLeader = reply.getNotLeaderException();
      throw new ReplicationException(
          notLeader != null ? "NO_LEADER" : "NOT_COMMITTED",
          "the entries could not be committed ("
              + (reply.getException() != null ? reply.getException().getMessage() : reply)
              + ")");
    }
    ByteString content = reply.getMessage().getContent();
    List<RecordResult> results = BatchResults.decode(content);
    if (results.size() != count) {
      throw new ReplicationException(
          "NOT_COMMITTED",
          "the state machine answered " + results.size() + " results for " + count + " entries");
    }
    return results;
  }
}
