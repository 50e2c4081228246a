package org.coopledger.node.replication;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.server.GrpcLogAppender;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.raftlog.RaftLog;

/**
 * Ratis' gRPC transport with the leader's fix of RATIS-2500, which Ratis 3.3.0 lacks: a leader
 * whose log starts at a follower's next index, and which no longer holds the entry before it,
 * notifies that follower to install a snapshot; the follower answers that its snapshot already
 * covers that entry, and the leader, still lacking the entry, notifies it again, for ever (seen in
 * {@code ClusterIT}: an old leader restarted level with its term's last entry, which the next
 * leader had purged). Appending without the previous entry is what Ratis does anyway when the
 * follower's next index is just after its snapshot, so a leader here notifies only when that is not
 * so. Chosen by class name ({@link RpcType#valueOf}); drop it once Ratis ships the fix.
 */
public final class PatchedGrpc implements RpcType {
  @Override
  public String name() {
    return PatchedGrpc.class.getName();
  }

  @Override
  public RpcFactory newFactory(Parameters parameters) {
    return new GrpcFactory(parameters) {
      @Override
      public LogAppender newLogAppender(
          RaftServer.Division server, LeaderState state, FollowerInfo follower) {
        return new GrpcLogAppender(server, state, follower) {
          @Override
          public boolean shouldInstallSnapshot(boolean hasSnapshot) {
            return installIsNeeded(this, super.shouldInstallSnapshot(hasSnapshot));
          }
        };
      }
    };
  }

  /**
   * Ratis' answer, unless the only reason for it is a previous entry the leader lacks while the
   * follower's snapshot ends just before its next index (RATIS-2500).
   */
  static boolean installIsNeeded(LogAppender appender, boolean ratisSays) {
    if (!ratisSays) {
      return false;
    }
    FollowerInfo follower = appender.getFollower();
    if (appender.getLeaderState().isFollowerBootstrapping(follower)
        && !follower.hasAttemptedToInstallSnapshot()) {
      return true;
    }
    RaftLog log = appender.getRaftLog();
    long next = follower.getNextIndex();
    boolean onlyThePreviousIsMissing =
        next == log.getStartIndex() && next > RaftLog.LEAST_VALID_LOG_INDEX;
    return !(onlyThePreviousIsMissing && next == follower.getSnapshotIndex() + 1);
  }
}
