package org.coopledger.node.replication;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientRequest;
import org.coopledger.node.ledger.NewRecord;

/**
 * The groups this node has submitted to its own Raft server and not yet seen start as a
 * transaction, by call id: how the checked entries reach {@link LedgerStateMachine} without being
 * encoded and decoded again. Thread-safe.
 */
public final class LocalGroups {
  private final ClientId clientId = ClientId.randomId();
  private final ConcurrentHashMap<Long, List<NewRecord>> groups = new ConcurrentHashMap<>();

  /** The client id under which this node submits its own groups. */
  ClientId clientId() {
    return clientId;
  }

  void put(long callId, List<NewRecord> records) {
    groups.put(callId, records);
  }

  void remove(long callId) {
    groups.remove(callId);
  }

  /** The records of a request this node submitted itself (once), or null for any other request. */
  List<NewRecord> take(RaftClientRequest request) {
    return request.getClientId().equals(clientId) ? groups.remove(request.getCallId()) : null;
  }
}
