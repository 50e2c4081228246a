package org.coopledger.node.replication;

import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.replication.proto.Accepted;
import org.coopledger.node.replication.proto.BatchResult;
import org.coopledger.node.replication.proto.EntryResult;
import org.coopledger.node.replication.proto.Rejected;

/** The reply of a Raft log entry on the wire: one {@link RecordResult} per record. */
final class BatchResults {
  private BatchResults() {}

  static Message encode(List<RecordResult> results) {
    BatchResult.Builder out = BatchResult.newBuilder();
    for (RecordResult result : results) {
      out.addResults(
          switch (result) {
            case RecordResult.Accepted a ->
                EntryResult.newBuilder()
                    .setAccepted(
                        Accepted.newBuilder()
                            .setIndex(a.index())
                            .setLeafHash(
                                com.google.protobuf.UnsafeByteOperations.unsafeWrap(
                                    a.leafHash().bytes()))
                            .setTreeSize(a.treeSize())
                            .setAcceptedAtMillis(a.acceptedAtMillis())
                            .setDuplicate(a.duplicate()))
                    .build();
            case RecordResult.Rejected r ->
                EntryResult.newBuilder()
                    .setRejected(
                        Rejected.newBuilder()
                            .setCode(r.code().name())
                            .setCategory(r.code().category().name())
                            .setMessage(r.message()))
                    .build();
          });
    }
    return Message.valueOf(UnsafeByteOperations.unsafeWrap(out.build().toByteArray()));
  }

  static List<RecordResult> decode(ByteString content) {
    BatchResult batch;
    try {
      batch = BatchResult.parseFrom(content.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new ReplicationException(
          "NOT_COMMITTED", "unreadable reply from the state machine: " + e.getMessage(), e);
    }
    List<RecordResult> results = new ArrayList<>(batch.getResultsCount());
    for (EntryResult result : batch.getResultsList()) {
      results.add(
          result.hasAccepted()
              ? new RecordResult.Accepted(
                  result.getAccepted().getIndex(),
                  Hash.of(result.getAccepted().getLeafHash().toByteArray()),
                  result.getAccepted().getTreeSize(),
                  result.getAccepted().getAcceptedAtMillis(),
                  result.getAccepted().getDuplicate())
              : new RecordResult.Rejected(
                  ErrorCode.of(
                      result.getRejected().getCode(),
                      ErrorCategory.valueOf(result.getRejected().getCategory())),
                  result.getRejected().getMessage()));
    }
    return results;
  }
}
