package org.coopledger.node.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One Raft server of the co-op's group, with a client that forwards to the leader. Today the group
 * has one peer (this node); the group id is derived from the co-op id so that peers of the same
 * co-op find each other once more peers are configured.
 */
public final class RaftHost implements AutoCloseable {
  private final RaftServer server;
  private final RaftClient client;
  private final RaftPeer self;
  private final RaftGroupId groupId;

  private RaftHost(RaftServer server, RaftClient client, RaftPeer self, RaftGroupId groupId) {
    this.server = server;
    this.client = client;
    this.self = self;
    this.groupId = groupId;
  }

  /**
   * Starts the Raft server with its log under {@code directory}.
   *
   * @param port the Raft RPC port on {@code host}; 0 picks a free one
   * @param snapshotEvery Raft log entries between snapshot markers (bounds replay on restart)
   */
  public static RaftHost start(
      Path directory,
      String coopId,
      String peerId,
      String host,
      int port,
      long snapshotEvery,
      StateMachine stateMachine) {
    try {
      int bound = port == 0 ? freePort(host) : port;
      RaftPeer self =
          RaftPeer.newBuilder()
              .setId(RaftPeerId.valueOf(peerId))
              .setAddress(host + ":" + bound)
              .build();
      RaftGroup group = RaftGroup.valueOf(groupId(coopId), List.of(self));
      RaftProperties properties = properties(directory, host, bound, snapshotEvery);
      boolean exists = hasContent(directory);
      RaftServer server =
          RaftServer.newBuilder()
              .setServerId(self.getId())
              .setGroup(group)
              .setProperties(properties)
              .setStateMachine(stateMachine)
              .setOption(
                  exists ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
              .build();
      server.start();
      RaftClient client =
          RaftClient.newBuilder()
              .setProperties(properties)
              .setRaftGroup(group)
              .setClientRpc(
                  new GrpcFactory(new Parameters())
                      .newRaftClientRpc(ClientId.randomId(), properties))
              .build();
      return new RaftHost(server, client, self, group.getGroupId());
    } catch (IOException e) {
      throw new UncheckedIOException("starting the Raft server in " + directory + " failed", e);
    }
  }

  static RaftGroupId groupId(String coopId) {
    return RaftGroupId.valueOf(
        UUID.nameUUIDFromBytes(("coopledger/" + coopId).getBytes(StandardCharsets.UTF_8)));
  }

  private static RaftProperties properties(
      Path directory, String host, int port, long snapshotEvery) {
    RaftProperties properties = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(properties, List.of(directory.toFile()));
    GrpcConfigKeys.Server.setHost(properties, host);
    GrpcConfigKeys.Server.setPort(properties, port);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, snapshotEvery);
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
    RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf("32MB"));
    // A one-peer group elects itself; short timeouts make the first write possible sooner.
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(
        properties, TimeDuration.valueOf(50, java.util.concurrent.TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(
        properties, TimeDuration.valueOf(150, java.util.concurrent.TimeUnit.MILLISECONDS));
    return properties;
  }

  private static boolean hasContent(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (var children = Files.list(directory)) {
      return children.findAny().isPresent();
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    }
  }

  /** This node's Raft server (the leader's own submissions go straight to it). */
  RaftServer server() {
    return server;
  }

  RaftGroupId groupId() {
    return groupId;
  }

  /** A client of the group, for forwarding to the leader when this node is not it. */
  RaftClient client() {
    return client;
  }

  /** Whether the group has a leader that can take writes now. */
  public boolean writable() {
    try {
      return server.getDivision(groupId).getInfo().getLeaderId() != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** The peer id of the group's current leader, empty while there is none. */
  public java.util.Optional<String> leaderId() {
    try {
      return java.util.Optional.ofNullable(server.getDivision(groupId).getInfo().getLeaderId())
          .map(Object::toString);
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Waits until the group has a leader ready for writes, so that the first submissions do not
   * bounce off an election in progress.
   *
   * @throws ReplicationException with code {@code NO_LEADER} if none is ready in time
   */
  public void awaitLeader(java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (server.getDivision(groupId).getInfo().isLeaderReady()
            || !server.getDivision(groupId).getInfo().isLeader() && writable()) {
          return;
        }
        Thread.sleep(10);
      } catch (IOException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new ReplicationException(
        "NO_LEADER", "the Raft group elected no leader within " + timeout.toSeconds() + " s");
  }

  public String peerId() {
    return self.getId().toString();
  }

  public String address() {
    return self.getAddress();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // The server is closed below regardless.
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("stopping the Raft server failed", e);
    }
  }
}
