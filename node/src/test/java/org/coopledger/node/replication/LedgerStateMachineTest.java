package org.coopledger.node.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.proto.RaftProtos.FollowerInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.server.storage.RaftStorageImpl;
import org.apache.ratis.server.storage.StorageImplUtils;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.coopledger.node.ledger.Ledger;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the state machine answers Ratis' notice to install a snapshot (a real store and a real Ratis
 * storage directory; the catch-up itself is a stand-in that moves the store's position, as the real
 * one does after fetching and verifying records). Ratis refuses the log while an answer is pending
 * and finishes an install only at a further notice, so every answer must be given at once.
 */
class LedgerStateMachineTest {
  @TempDir Path dir;

  private LedgerStore store;
  private RaftStorageImpl raftStorage;
  private LedgerStateMachine stateMachine;

  @BeforeEach
  void start() throws Exception {
    store = LedgerStore.open(dir.resolve("ledger"));
    stateMachine = new LedgerStateMachine(store, Ledger.open(store));
    Files.createDirectories(dir.resolve("raft"));
    raftStorage =
        StorageImplUtils.newRaftStorage(
            dir.resolve("raft").toFile(),
            SizeInBytes.ZERO,
            RaftStorage.StartupOption.FORMAT,
            RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION);
    raftStorage.initialize();
    stateMachine.initialize(server("node-9"), RaftGroupId.randomId(), raftStorage);
  }

  @AfterEach
  void stop() throws Exception {
    stateMachine.close();
    if (raftStorage != null) {
      raftStorage.close();
    }
    store.close();
  }

  @Test
  void everyNoticeIsAnsweredAtOnceAndTheCatchUpRunsInTheBackground() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger catchUps = new AtomicInteger();
    AppliedIndex leaders = new AppliedIndex(3, 120);
    stateMachine.catchUpWith(
        leader -> {
          catchUps.incrementAndGet();
          await(release);
          LedgerBatch write = new LedgerBatch(store.treeSize());
          write.applied(leaders);
          store.commitReplayable(write);
          return leaders;
        },
        dir.resolve(SnapshotInstall.CATCHING_UP));
    TermIndex leaderLogStarts = TermIndex.valueOf(3, 100);

    CompletableFuture<TermIndex> first =
        stateMachine.notifyInstallSnapshotFromLeader(role("node-1"), leaderLogStarts);
    assertThat(first).as("answered before the catch-up is done").isCompletedWithValue(null);
    CompletableFuture<TermIndex> meanwhile =
        stateMachine.notifyInstallSnapshotFromLeader(role("node-1"), leaderLogStarts);
    assertThat(meanwhile).isCompletedWithValue(null);
    long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(dir.resolve(SnapshotInstall.CATCHING_UP)) && System.nanoTime() < started) {
      Thread.sleep(10);
    }
    assertThat(Files.exists(dir.resolve(SnapshotInstall.CATCHING_UP)))
        .as("marked while it runs")
        .isTrue();

    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (store.applied().index() != 120 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // The catch-up thread leaves the store whole before it clears its flag; wait for both.
    while (Files.exists(dir.resolve(SnapshotInstall.CATCHING_UP)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(50);

    CompletableFuture<TermIndex> after =
        stateMachine.notifyInstallSnapshotFromLeader(role("node-1"), leaderLogStarts);
    assertThat(after).isCompletedWithValue(TermIndex.valueOf(3, 120));
    assertThat(stateMachine.getLatestSnapshot().getTermIndex())
        .as("the marker Ratis reloads from")
        .isEqualTo(TermIndex.valueOf(3, 120));
    assertThat(catchUps).hasValue(1);
  }

  @Test
  void aStoreThatReachesTheStartOfTheLeadersLogIsReportedWithoutACatchUp() throws Exception {
    AtomicInteger catchUps = new AtomicInteger();
    stateMachine.catchUpWith(
        leader -> {
          catchUps.incrementAndGet();
          return store.applied();
        },
        dir.resolve(SnapshotInstall.CATCHING_UP));
    LedgerBatch write = new LedgerBatch(0);
    write.applied(new AppliedIndex(2, 40));
    store.commitReplayable(write);

    CompletableFuture<TermIndex> answer =
        stateMachine.notifyInstallSnapshotFromLeader(role("node-2"), TermIndex.valueOf(2, 41));
    assertThat(answer).isCompletedWithValue(TermIndex.valueOf(2, 40));
    assertThat(catchUps).hasValue(0);
  }

  @Test
  void anEmptyStoreIsNeverReportedAsInstalled() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    stateMachine.catchUpWith(
        leader -> {
          called.countDown();
          return store.applied();
        },
        dir.resolve(SnapshotInstall.CATCHING_UP));
    // A leader whose log starts at 0 (a node added to the group gets this notice once): reporting
    // the empty store's position (-1) would leave Ratis waiting for an install that never comes.
    CompletableFuture<TermIndex> answer =
        stateMachine.notifyInstallSnapshotFromLeader(role("node-3"), TermIndex.valueOf(1, 0));
    assertThat(answer).isCompletedWithValue(null);
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * The catch-up applies the leader's records a group at a time, and only the last group records a
   * Raft position: a failure part way (the leader stopped) leaves a store at no position, onto
   * which the log must not be applied. So it is retried, from where it stopped, until it completes.
   */
  @Test
  void aCatchUpThatFailsPartWayIsRetriedFromWhereItStopped() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    AppliedIndex leaders = new AppliedIndex(3, 120);
    stateMachine.catchUpWith(
        leader -> {
          LedgerBatch write = new LedgerBatch(store.treeSize());
          write.addRecord(new byte[] {(byte) attempts.get()}, new byte[32]);
          if (attempts.incrementAndGet() == 1) {
            write.applied(AppliedIndex.NONE);
            store.commitReplayable(write);
            throw new ReplicationException("LEADER_GONE", "the leader stopped answering");
          }
          write.applied(leaders);
          store.commitReplayable(write);
          return leaders;
        },
        dir.resolve(SnapshotInstall.CATCHING_UP));
    LedgerBatch held = new LedgerBatch(0);
    held.applied(new AppliedIndex(1, 10));
    store.commitReplayable(held);

    stateMachine.notifyInstallSnapshotFromLeader(role("node-1"), TermIndex.valueOf(3, 100));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!store.applied().equals(leaders) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(attempts).hasValue(2);
    assertThat(store.treeSize()).as("the second attempt went on after the first").isEqualTo(2);
    assertThat(store.applied()).isEqualTo(leaders);
    while (Files.exists(dir.resolve(SnapshotInstall.CATCHING_UP)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(Files.exists(dir.resolve(SnapshotInstall.CATCHING_UP))).isFalse();
  }

  @Test
  void aCatchUpStoppedPartWayLeavesItsMarkSoTheNextStartRebuildsTheStore() throws Exception {
    CountDownLatch partWay = new CountDownLatch(1);
    stateMachine.catchUpWith(
        leader -> {
          LedgerBatch write = new LedgerBatch(store.treeSize());
          write.addRecord(new byte[] {1, 2, 3}, new byte[32]);
          write.applied(AppliedIndex.NONE);
          store.commitReplayable(write);
          partWay.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            // The node stops: the records fetched so far stay, without a Raft position.
            Thread.currentThread().interrupt();
          }
          throw new ReplicationException("NODE_STOPPING", "the node is stopping");
        },
        dir.resolve(SnapshotInstall.CATCHING_UP));
    LedgerBatch held = new LedgerBatch(0);
    held.applied(new AppliedIndex(1, 10));
    store.commitReplayable(held);

    stateMachine.notifyInstallSnapshotFromLeader(role("node-1"), TermIndex.valueOf(2, 50));
    assertThat(partWay.await(10, TimeUnit.SECONDS)).isTrue();
    stateMachine.close();
    Thread.sleep(200);

    assertThat(Files.exists(dir.resolve(SnapshotInstall.CATCHING_UP))).isTrue();
    store.close();
    raftStorage.close();
    assertThat(SnapshotInstall.interrupted(dir)).isTrue();
    assertThat(Files.exists(dir.resolve("ledger"))).as("set aside").isFalse();
    assertThat(Files.exists(dir.resolve("raft"))).as("set aside").isFalse();
    assertThat(Files.exists(dir.resolve(SnapshotInstall.CATCHING_UP))).isFalse();
    try (var aside = Files.list(dir)) {
      assertThat(aside.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("ledger.before-install-"))
          .anyMatch(n -> n.startsWith("raft.before-install-"));
    }
    assertThat(SnapshotInstall.interrupted(dir)).as("only once").isFalse();
    // Reopened for @AfterEach, which closes them again.
    store = LedgerStore.open(dir.resolve("ledger"));
    raftStorage = null;
  }

  /** The server the state machine belongs to, as far as it asks (its id, for Ratis' logging). */
  private static RaftServer server(String id) {
    return (RaftServer)
        Proxy.newProxyInstance(
            RaftServer.class.getClassLoader(),
            new Class<?>[] {RaftServer.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getId")) {
                return RaftPeerId.valueOf(id);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static RoleInfoProto role(String leader) {
    return RoleInfoProto.newBuilder()
        .setSelf(RaftPeerProto.newBuilder().setId(ByteString.copyFromUtf8("node-9")))
        .setRole(RaftPeerRole.FOLLOWER)
        .setFollowerInfo(
            FollowerInfoProto.newBuilder()
                .setLeaderInfo(
                    ServerRpcProto.newBuilder()
                        .setId(RaftPeerProto.newBuilder().setId(ByteString.copyFromUtf8(leader)))))
        .build();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
