package org.coopledger.node.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.raftlog.RaftLog;
import org.junit.jupiter.api.Test;

/**
 * When the leader notifies a follower to install a snapshot (pure logic: a leader's view of one
 * follower, given by stand-ins for Ratis' interfaces).
 */
class PatchedGrpcTest {
  @Test
  void aFollowerWhoseSnapshotEndsJustBeforeTheLeadersLogIsSentTheLogNotANotice() {
    // The leader's log starts at 623 (622 purged); the follower said its snapshot is at 622.
    LogAppender appender = appender(623, 623, 622, false);
    assertThat(PatchedGrpc.installIsNeeded(appender, true)).isFalse();
  }

  @Test
  void aFollowerWithoutSuchASnapshotIsStillNotified() {
    assertThat(PatchedGrpc.installIsNeeded(appender(623, 623, 500, false), true)).isTrue();
  }

  @Test
  void aFollowerBehindTheStartOfTheLeadersLogIsStillNotified() {
    assertThat(PatchedGrpc.installIsNeeded(appender(623, 400, 399, false), true)).isTrue();
  }

  @Test
  void aBootstrappingFollowerIsStillNotifiedOnce() {
    assertThat(PatchedGrpc.installIsNeeded(appender(623, 623, 622, true), true)).isTrue();
  }

  @Test
  void whatRatisDoesNotAskForIsNeverAdded() {
    assertThat(PatchedGrpc.installIsNeeded(appender(623, 400, 399, false), false)).isFalse();
  }

  @Test
  void itIsChosenByItsClassName() {
    assertThat(RpcType.valueOf(new PatchedGrpc().name())).isInstanceOf(PatchedGrpc.class);
  }

  private static LogAppender appender(
      long logStart, long followerNext, long followerSnapshot, boolean bootstrapping) {
    FollowerInfo follower =
        stub(
            FollowerInfo.class,
            Map.of(
                "getNextIndex", followerNext,
                "getSnapshotIndex", followerSnapshot,
                "hasAttemptedToInstallSnapshot", false));
    LeaderState leader = stub(LeaderState.class, Map.of("isFollowerBootstrapping", bootstrapping));
    RaftLog log = stub(RaftLog.class, Map.of("getStartIndex", logStart));
    return stub(
        LogAppender.class,
        Map.of("getFollower", follower, "getLeaderState", leader, "getRaftLog", log));
  }

  private static <T> T stub(Class<T> type, Map<String, Object> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
              }
              return answers.get(method.getName());
            }));
  }
}
