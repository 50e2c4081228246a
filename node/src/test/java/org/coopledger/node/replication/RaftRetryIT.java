package org.coopledger.node.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.replication.proto.Batch;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a forwarding node's Raft client sees when it retries a group at a leader whose retry cache
 * does not know the first attempt (a new leader after an election): the group is appended to the
 * Raft log twice and applied twice, through a real node's Ratis server and state machine. The
 * second apply answers each entry the ledger already holds with its first copy's result, and
 * appends nothing.
 */
class RaftRetryIT {
  @TempDir Path data;

  private final CoopFixture coop = CoopFixture.demoLive();
  private CoopNode node;
  private NodeClient api;

  @BeforeEach
  void start() {
    node = CoopNode.start(NodeConfig.builder().dataDir(data).port(0).coopId(coop.coopId()).build());
    api = NodeClient.of(node.uri());
    assertThat(api.postEntry(coop.genesis()).status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void aGroupAppendedTwiceIsAnsweredWithTheFirstResultsAndAppendsNothing() throws Exception {
    byte[] proposal = coop.propose("alice", "forwarded", new Governed.Decision());
    Message group = group(new AcceptedEntry(proposal, System.currentTimeMillis()).toBytes());

    RecordResult.Accepted first = (RecordResult.Accepted) sendOnce(group).get(0);
    long size = node.treeSize();
    // A new client, as the retry at a new leader is to its retry cache: a request it never saw.
    List<RecordResult> retried = sendOnce(group);

    assertThat(first.duplicate()).isFalse();
    assertThat(retried)
        .containsExactly(
            new RecordResult.Accepted(
                first.index(), first.leafHash(), first.treeSize(), first.acceptedAtMillis(), true));
    assertThat(node.treeSize()).as("nothing appended").isEqualTo(size);
  }

  @Test
  void anotherEntryWithAnAcceptedNonceIsStillRejectedInTheApply() throws Exception {
    byte[] proposal = coop.propose("alice", "first", new Governed.Decision());
    sendOnce(group(new AcceptedEntry(proposal, System.currentTimeMillis()).toBytes()));
    long size = node.treeSize();
    byte[] replay =
        coop.reusingNonce(proposal, new CreateProposal("second", "", new Governed.Decision()));

    List<RecordResult> results =
        sendOnce(group(new AcceptedEntry(replay, System.currentTimeMillis()).toBytes()));

    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            RecordResult.Rejected.class,
            r -> assertThat(r.code().name()).isEqualTo("REPLAYED_NONCE"));
    assertThat(node.treeSize()).isEqualTo(size);
  }

  private static Message group(byte[]... records) {
    Batch.Builder batch = Batch.newBuilder();
    for (byte[] record : records) {
      batch.addRecords(com.google.protobuf.ByteString.copyFrom(record));
    }
    return Message.valueOf(UnsafeByteOperations.unsafeWrap(batch.build().toByteArray()));
  }

  /** Sends {@code group} to the node's Raft server with a client of its own, as a peer would. */
  private List<RecordResult> sendOnce(Message group) throws IOException {
    NodeInfo info = api.nodeInfo();
    RaftPeer peer =
        RaftPeer.newBuilder()
            .setId(RaftPeerId.valueOf(info.peerId()))
            .setAddress(info.raftAddress())
            .build();
    try (RaftClient client =
        RaftClient.newBuilder()
            .setProperties(new RaftProperties())
            .setRaftGroup(RaftGroup.valueOf(RaftHost.groupId(coop.coopId()), peer))
            .build()) {
      RaftClientReply reply = client.io().send(group);
      assertThat(reply.isSuccess()).as(String.valueOf(reply)).isTrue();
      return BatchResults.decode(reply.getMessage().getContent());
    }
  }
}
