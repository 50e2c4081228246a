package org.coopledger.node.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeersTest {
  private static final String THREE =
      "node-1@127.0.0.1:7001@http://127.0.0.1:8001,"
          + "node-2@127.0.0.1:7002@http://127.0.0.1:8002,"
          + "node-3@10.0.0.3:7003@https://three.example:8443";

  @Test
  void parsesAListAndPrintsItBackTheSame() {
    Peers peers = Peers.parse(THREE);
    assertThat(peers.all()).hasSize(3);
    assertThat(peers.self("node-3").raftPort()).isEqualTo(7003);
    assertThat(peers.find("node-2").orElseThrow().restUrl().toString())
        .isEqualTo("http://127.0.0.1:8002");
    assertThat(Peers.parse(peers.toString())).isEqualTo(peers);
  }

  @Test
  void blankMeansAOnePeerGroup() {
    assertThat(Peers.parse(" ").isEmpty()).isTrue();
    assertThat(Peers.parse(null).isEmpty()).isTrue();
  }

  @Test
  void refusesANodeThatIsNotInItsOwnList() {
    assertThatThrownBy(() -> Peers.parse(THREE).self("node-4"))
        .hasMessageContaining("'node-4' is not in the peer list");
  }

  @Test
  void refusesDuplicatesAndMalformedPeers() {
    assertThatThrownBy(() -> Peers.parse("a@h:1@http://h:2,a@h:3@http://h:4"))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> Peers.parse("a@h:1@http://h:2,b@h:1@http://h:4"))
        .hasMessageContaining("share the Raft address");
    assertThatThrownBy(() -> Peers.parse("a@h@http://h:2")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> Peers.parse("a@h:1")).hasMessageContaining("ID@HOST:RAFT_PORT");
    assertThatThrownBy(() -> Peers.parse("a@h:1@ftp://h")).hasMessageContaining("http(s)");
    assertThatThrownBy(() -> Peers.parse("A@h:1@http://h:2")).hasMessageContaining("peer id");
    assertThatThrownBy(() -> Peers.parse("a@h:70000@http://h:2")).hasMessageContaining("1-65535");
  }
}
