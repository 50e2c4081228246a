package org.coopledger.node.replication;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.coopledger.governance.proto.LedgerRecord;
import org.coopledger.node.replication.proto.Batch;
import org.coopledger.node.replication.proto.BatchResult;
import org.coopledger.node.replication.proto.EntryResult;

/**
 * Group commit: collects submitted entries and sends as many as are waiting (up to a limit) as one
 * Raft log entry, so that consensus and fsync costs are paid per batch rather than per entry.
 * Stamps each record with the acceptance time (never decreasing), which then travels in the log so
 * that every replica applies the same time. Thread-safe; {@link #submit} never blocks.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());

  private final RaftClient client;
  private final Clock clock;
  private final int maxEntries;
  private final int maxBytes;
  private final Semaphore inFlight;
  private final BlockingQueue<Pending> queue;
  private final Thread worker;
  private final IntConsumer batchSizes;
  private volatile boolean closed;
  private long lastAcceptedAt;

  private record Pending(byte[] signedEntry, CompletableFuture<EntryResult> result) {}

  /**
   * @param maxEntries most entries in one Raft log entry
   * @param maxBytes most bytes of records in one Raft log entry
   * @param maxInFlight Raft log entries submitted but not yet applied
   * @param queueLimit submissions waiting for a batch before new ones are refused (503)
   * @param batchSizes told the number of entries of every batch sent (for metrics)
   */
  public GroupCommitter(
      RaftClient client,
      Clock clock,
      int maxEntries,
      int maxBytes,
      int maxInFlight,
      int queueLimit,
      IntConsumer batchSizes) {
    this.client = client;
    this.batchSizes = batchSizes;
    this.clock = clock;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.inFlight = new Semaphore(maxInFlight);
    this.queue = new ArrayBlockingQueue<>(queueLimit);
    this.worker = Thread.ofPlatform().name("group-commit").daemon().start(this::run);
  }

  /**
   * Queues a decoded, signature-checked {@code SignedEntry} for the ledger. The future completes
   * once the entry's Raft log entry is applied and durable: with {@code accepted} (index and leaf
   * hash) or {@code rejected} (a deterministic verdict of the governance rules). It completes
   * exceptionally with {@link ReplicationException} if the node cannot get it committed.
   */
  public CompletableFuture<EntryResult> submit(byte[] signedEntry) {
    CompletableFuture<EntryResult> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(
          new ReplicationException("NODE_STOPPING", "the node is shutting down; retry elsewhere"));
    } else if (!queue.offer(new Pending(signedEntry.clone(), result))) {
      result.completeExceptionally(
          new ReplicationException(
              "NODE_BUSY", "the node has too many entries waiting; retry in a moment"));
    }
    return result;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(queue.take());
        inFlight.acquire();
        int bytes = batch.get(0).signedEntry().length;
        Pending next;
        while (batch.size() < maxEntries
            && (next = queue.peek()) != null
            && bytes + next.signedEntry().length <= maxBytes) {
          batch.add(queue.poll());
          bytes += next.signedEntry().length;
        }
        send(List.copyOf(batch));
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(batch, "the node is shutting down");
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "submitting a batch to Raft failed", e);
        inFlight.release();
        fail(batch, "submitting to Raft failed: " + e.getMessage());
        batch.clear();
      }
    }
  }

  private void send(List<Pending> batch) {
    batchSizes.accept(batch.size());
    lastAcceptedAt = Math.max(lastAcceptedAt, clock.millis());
    Batch.Builder message = Batch.newBuilder();
    for (Pending pending : batch) {
      message.addRecords(
          LedgerRecord.newBuilder()
              .setSignedEntry(com.google.protobuf.ByteString.copyFrom(pending.signedEntry()))
              .setAcceptedAtMillis(lastAcceptedAt)
              .build()
              .toByteString());
    }
    client
        .async()
        .send(Message.valueOf(ByteString.copyFrom(message.build().toByteArray())))
        .whenComplete(
            (reply, error) -> {
              inFlight.release();
              complete(batch, reply, error);
            });
  }

  private static void complete(List<Pending> batch, RaftClientReply reply, Throwable error) {
    if (error != null || reply == null || !reply.isSuccess()) {
      String why = error != null ? error.toString() : String.valueOf(reply);
      LOG.warning("a batch of " + batch.size() + " entries was not committed: " + why);
      fail(batch, "the entries could not be committed (" + why + ")");
      return;
    }
    BatchResult results;
    try {
      results = BatchResult.parseFrom(reply.getMessage().getContent().toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      fail(batch, "unreadable reply from the state machine");
      return;
    }
    if (results.getResultsCount() != batch.size()) {
      fail(batch, "the state machine answered for a different batch");
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(results.getResults(i));
    }
  }

  private static void fail(List<Pending> batch, String message) {
    for (Pending pending : batch) {
      pending.result().completeExceptionally(new ReplicationException("NOT_COMMITTED", message));
    }
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, "the node is shutting down");
  }
}
