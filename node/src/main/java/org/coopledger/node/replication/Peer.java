package org.coopledger.node.replication;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One node of the co-op's Raft group: its peer id, the host:port its Raft server listens on, and
 * the base URL of its REST API (so that others can name it, e.g. as the leader in {@code
 * /v1/node}).
 *
 * @param id Raft peer id, 1-63 of [a-z0-9._-]
 * @param raftAddress {@code host:port} of its Raft RPC
 * @param restUrl base URL of its REST API, e.g. {@code http://10.0.0.2:8080}
 */
public record Peer(String id, String raftAddress, URI restUrl) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@,:]+:[0-9]{1,5}");

  public Peer {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "a peer id must be 1-63 of [a-z0-9._-], starting with a letter or digit; got '"
              + id
              + "'");
    }
    if (raftAddress == null || !ADDRESS.matcher(raftAddress).matches()) {
      throw new IllegalArgumentException(
          "peer " + id + ": the Raft address must be host:port, got '" + raftAddress + "'");
    }
    int port = Integer.parseInt(raftAddress.substring(raftAddress.lastIndexOf(':') + 1));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "peer " + id + ": the Raft port must be 1-65535, got " + port);
    }
    Objects.requireNonNull(restUrl, "restUrl");
    if (!("http".equals(restUrl.getScheme()) || "https".equals(restUrl.getScheme()))
        || restUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "peer " + id + ": the REST URL must be http(s)://host:port, got '" + restUrl + "'");
    }
  }

  /**
   * Parses {@code ID@HOST:RAFT_PORT@REST_URL}, e.g. {@code
   * node-2@10.0.0.2:7070@http://10.0.0.2:8080}.
   */
  public static Peer parse(String text) {
    String[] parts = text.strip().split("@", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a peer is ID@HOST:RAFT_PORT@REST_URL (e.g. node-2@10.0.0.2:7070@http://10.0.0.2:8080),"
              + " got '"
              + text
              + "'");
    }
    URI url;
    try {
      url = URI.create(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("peer " + parts[0] + ": bad REST URL '" + parts[2] + "'");
    }
    return new Peer(parts[0], parts[1], url);
  }

  /** The Raft RPC port. */
  public int raftPort() {
    return Integer.parseInt(raftAddress.substring(raftAddress.lastIndexOf(':') + 1));
  }

  /** The form {@link #parse} reads. */
  @Override
  public String toString() {
    return id + "@" + raftAddress + "@" + restUrl;
  }
}
