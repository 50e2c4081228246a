package org.coopledger.governance.action;

import java.util.regex.Pattern;
import org.coopledger.governance.crypto.PublicKey;

/**
 * A node of the co-op's network, as the co-op's state names it: its name (the peer id, and its name
 * as a witness), the Ed25519 key with which it signs checkpoints and cosigns the other nodes'
 * checkpoints, and its Raft address. Founded at genesis, changed only by a {@link
 * Governed.NodeChange}.
 */
public record NetworkNode(String name, PublicKey key, String raftAddress) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.\\[\\]:_-]{1,253}:[0-9]{1,5}");

  public NetworkNode {
    Fields.required(name, "node name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidActionException(
          "a node name is 1 to 64 letters, digits, '.', '_' or '-' (not first), got '"
              + name
              + "'");
    }
    Fields.required(key, "public key of node " + name);
    Fields.required(raftAddress, "Raft address of node " + name);
    if (!ADDRESS.matcher(raftAddress).matches()) {
      throw new InvalidActionException(
          "the Raft address of node " + name + " must be host:port, got '" + raftAddress + "'");
    }
  }
}
