package org.coopledger.node.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.coopledger.node.FreePorts;

/**
 * One Raft server of the co-op's group, with a client that forwards to the leader. The group is
 * either this node alone (no peers configured) or the configured {@link Peers}; its id is derived
 * from the co-op id, so every node of one co-op joins the same group.
 *
 * <p>Every node purges its Raft log up to its latest snapshot marker (less {@link #PRESERVED_LOG}
 * entries in a group of several), so a restart reads and replays a bounded log whatever the
 * ledger's length. A follower that lacks entries the leader still holds replays the log; one that
 * lacks entries the leader purged catches up from the leader's records ({@link
 * LedgerStateMachine#notifyInstallSnapshotFromLeader}): this state machine's snapshots are markers
 * of a position, not copies of the store, so Ratis never sends them.
 */
public final class RaftHost implements AutoCloseable {
  /**
   * Raft log entries kept below the latest snapshot marker when the log is purged, so that a
   * follower a little behind catches up by log replay rather than from the leader's REST API. Few:
   * one entry may hold a thousand records, and a restart reads every entry kept (with 64, a restart
   * on 110,503 batch-mode records read about 77 entries and took 2.2 s against 0.3 s on 10,502).
   */
  static final long PRESERVED_LOG = 8;

  private final RaftServer server;
  private final RaftClient client;
  private final RaftPeer self;
  private final RaftGroupId groupId;
  private final Peers peers;
  private final AtomicLong reconfigurations = new AtomicLong();

  private RaftHost(
      RaftServer server, RaftClient client, RaftPeer self, RaftGroupId groupId, Peers peers) {
    this.server = server;
    this.client = client;
    this.self = self;
    this.groupId = groupId;
    this.peers = peers;
  }

  /**
   * Starts the Raft server with its log under {@code directory}.
   *
   * @param host the address the Raft RPC binds to
   * @param port the Raft RPC port on {@code host}; 0 picks a free one (ignored when {@code peers}
   *     is not empty: this node's entry there names its port)
   * @param peers every node of the group, this one ({@code peerId}) included; empty for a one-peer
   *     group
   * @param snapshotEvery Raft log entries between snapshot markers (bounds replay on restart; the
   *     state machine also asks for one every {@code snapshotEvery} records)
   * @param join whether this node joins a running group that does not have it yet: it then starts
   *     outside the group's configuration (it neither campaigns nor votes) and waits for the leader
   *     to add it, which the leader does once the co-op's state names it ({@link Reconfigurer}); on
   *     a restart the configuration in its Raft log counts instead
   */
  public static RaftHost start(
      Path directory,
      String coopId,
      String peerId,
      String host,
      int port,
      Peers peers,
      long snapshotEvery,
      boolean join,
      StateMachine stateMachine) {
    try {
      RaftPeer self;
      List<RaftPeer> members;
      int bound;
      if (peers.isEmpty()) {
        bound = port == 0 ? freePort(host) : port;
        self = raftPeer(peerId, host + ":" + bound);
        members = List.of(self);
      } else {
        bound = peers.self(peerId).raftPort();
        members = peers.all().stream().map(p -> raftPeer(p.id(), p.raftAddress())).toList();
        self = members.stream().filter(p -> p.getId().toString().equals(peerId)).findFirst().get();
      }
      RaftGroup group = RaftGroup.valueOf(groupId(coopId), members);
      // A joining node starts outside the configuration: a node that is in its own configuration
      // but not in the leader's would campaign, and the leader answers such a candidate by telling
      // it to shut down.
      // Ratis starts a server of a group without peers as a peer that is not in its group yet.
      RaftGroup initial = join ? RaftGroup.valueOf(group.getGroupId()) : group;
      RaftProperties properties =
          properties(directory, host, bound, snapshotEvery, members.size() > 1);
      boolean exists = hasContent(directory);
      RaftServer server =
          RaftServer.newBuilder()
              .setServerId(self.getId())
              .setGroup(initial)
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
              // Bounded, so that a request forwarded while there is no majority gives up; the
              // submitter answers 503 at its own deadline before that anyway.
              .setRetryPolicy(
                  RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                      60, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
              .setClientRpc(
                  new GrpcFactory(new Parameters())
                      .newRaftClientRpc(ClientId.randomId(), properties))
              .build();
      return new RaftHost(server, client, self, group.getGroupId(), peers);
    } catch (IOException e) {
      throw new UncheckedIOException("starting the Raft server in " + directory + " failed", e);
    }
  }

  static RaftGroupId groupId(String coopId) {
    return RaftGroupId.valueOf(
        UUID.nameUUIDFromBytes(("coopledger/" + coopId).getBytes(StandardCharsets.UTF_8)));
  }

  private static RaftPeer raftPeer(String id, String address) {
    return RaftPeer.newBuilder().setId(RaftPeerId.valueOf(id)).setAddress(address).build();
  }

  private static RaftProperties properties(
      Path directory, String host, int port, long snapshotEvery, boolean several) {
    RaftProperties properties = new RaftProperties();
    // Ratis' gRPC with a leader fix it lacks (RATIS-2500; see PatchedGrpc).
    RaftConfigKeys.Rpc.setType(properties, new PatchedGrpc());
    RaftServerConfigKeys.setStorageDir(properties, List.of(directory.toFile()));
    GrpcConfigKeys.Server.setHost(properties, host);
    GrpcConfigKeys.Server.setPort(properties, port);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, snapshotEvery);
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
    // Ratis reads every entry of every log segment it keeps when it starts, and purges whole
    // segments only: small segments keep what it reads at restart close to the purge point.
    // (4 KiB per entry between markers: 4 MB at the default of 1,000.)
    long segment = Math.clamp(snapshotEvery * 4096, 64 * 1024, 8 * 1024 * 1024);
    RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(segment));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
    RaftServerConfigKeys.Log.setPurgeGap(properties, 1);
    if (several) {
      // The log is purged up to the latest snapshot marker, less a preserved tail: a follower
      // that is a little behind replays the log; one behind the start of the leader's log is told
      // to catch up by itself (Ratis' install-snapshot notification; the leader never sends one of
      // our marker snapshots in place of the store), which it does from the leader's REST API,
      // verifying every record (LedgerStateMachine#notifyInstallSnapshotFromLeader).
      RaftServerConfigKeys.Log.setPurgePreservationLogNum(properties, PRESERVED_LOG);
      RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, false);
      // Long enough that a GC pause or a busy 2-core machine does not start an election; short
      // enough that a dead leader is replaced within about two seconds.
      RaftServerConfigKeys.Rpc.setTimeoutMin(properties, millis(600));
      RaftServerConfigKeys.Rpc.setTimeoutMax(properties, millis(1200));
      RaftServerConfigKeys.Rpc.setRequestTimeout(properties, millis(3000));
      RaftClientConfigKeys.Rpc.setRequestTimeout(properties, millis(3000));
    } else {
      // A one-peer group elects itself; short timeouts make the first write possible sooner.
      RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(properties, millis(50));
      RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(properties, millis(150));
    }
    return properties;
  }

  private static TimeDuration millis(long value) {
    return TimeDuration.valueOf(value, TimeUnit.MILLISECONDS);
  }

  private static boolean hasContent(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (var children = Files.list(directory)) {
      return children.findAny().isPresent();
    }
  }

  private static int freePort(String host) {
    return FreePorts.pick(host, new java.util.HashSet<>());
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

  /** This node's role in the group, its current leader and term, as far as it knows. */
  public RaftStatus status() {
    try {
      var info = server.getDivision(groupId).getInfo();
      RaftPeerId leader = info.getLeaderId();
      return new RaftStatus(
          info.getCurrentRole().name(),
          leader == null ? null : leader.toString(),
          info.getCurrentTerm(),
          info.getLastAppliedIndex(),
          info.isLeader() && info.isLeaderReady());
    } catch (IOException e) {
      return new RaftStatus("UNKNOWN", null, 0, -1, false);
    }
  }

  /**
   * The group's configuration as this node knows it: the peers (id to Raft address) of its current
   * configuration, and whether a change of configuration is under way.
   */
  public GroupConfiguration configuration() {
    try {
      var conf = server.getDivision(groupId).getRaftConf();
      java.util.SortedMap<String, String> current = new java.util.TreeMap<>();
      for (RaftPeer peer : conf.getCurrentPeers()) {
        current.put(peer.getId().toString(), peer.getAddress());
      }
      return new GroupConfiguration(
          current, !conf.getPreviousPeers().isEmpty(), conf.getLogEntryIndex());
    } catch (IOException e) {
      return new GroupConfiguration(new java.util.TreeMap<>(), false, -1);
    }
  }

  /**
   * Asks this node's own Raft server, which must be the leader, to change the group to exactly
   * {@code peers} (id to Raft address). Ratis first brings new peers up to date with the log, then
   * commits the change in two steps (joint consensus); a leader that is not among {@code peers}
   * steps down once the change is committed. The future fails if this node is not the leader or the
   * change is refused (e.g. another one is under way).
   */
  CompletableFuture<RaftClientReply> reconfigure(java.util.SortedMap<String, String> peers) {
    List<RaftPeer> next =
        peers.entrySet().stream().map(p -> raftPeer(p.getKey(), p.getValue())).toList();
    try {
      return server.setConfigurationAsync(
          new SetConfigurationRequest(
              ClientId.randomId(),
              server.getId(),
              groupId,
              reconfigurations.incrementAndGet(),
              next));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The configured peers (empty for a one-peer group). */
  public Peers peers() {
    return peers;
  }

  /** Whether this node is the leader and can take writes itself. */
  boolean leaderReady() {
    return status().leaderReady();
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
