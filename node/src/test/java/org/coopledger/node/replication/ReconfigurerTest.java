package org.coopledger.node.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReconfigurerTest {
  private static TreeMap<String, String> nodes(String... idAndAddress) {
    TreeMap<String, String> out = new TreeMap<>();
    for (int i = 0; i < idAndAddress.length; i += 2) {
      out.put(idAndAddress[i], idAndAddress[i + 1]);
    }
    return out;
  }

  private static final TreeMap<String, String> THREE =
      nodes("ann", "10.0.0.1:7070", "ben", "10.0.0.2:7070", "cat", "10.0.0.3:7070");

  @Test
  void aGroupEqualToTheNodeSetMatches() {
    assertThat(Reconfigurer.difference("ann", THREE, new GroupConfiguration(THREE, false, 7)))
        .isNull();
  }

  @Test
  void aNodeAddedByTheStateButNotYetByRaftIsNamedWithItsAddress() {
    TreeMap<String, String> four = new TreeMap<>(THREE);
    four.put("dan", "10.0.0.4:7070");
    assertThat(Reconfigurer.difference("ann", four, new GroupConfiguration(THREE, false, 7)))
        .isEqualTo("nodes not in the Raft group yet: dan@10.0.0.4:7070");
  }

  @Test
  void aRemovedNodeSaysSoAboutItselfAndTheOthersNameTheExtraPeer() {
    TreeMap<String, String> two =
        new TreeMap<>(Map.of("ann", "10.0.0.1:7070", "ben", "10.0.0.2:7070"));
    GroupConfiguration group = new GroupConfiguration(THREE, false, 7);
    assertThat(Reconfigurer.difference("cat", two, group))
        .startsWith("this node (cat) is not in the node set")
        .contains("Raft peers that are not nodes of the co-op: cat");
    assertThat(Reconfigurer.difference("ann", two, group))
        .isEqualTo("Raft peers that are not nodes of the co-op: cat");
  }

  @Test
  void aPeerAtAnotherAddressAndAChangeUnderWayAreMismatches() {
    TreeMap<String, String> moved = new TreeMap<>(THREE);
    moved.put("ben", "10.0.0.9:7070");
    assertThat(Reconfigurer.difference("ann", moved, new GroupConfiguration(THREE, false, 7)))
        .isEqualTo(
            "Raft peers at another address: ben (10.0.0.2:7070, the state says 10.0.0.9:7070)");
    assertThat(Reconfigurer.difference("ann", THREE, new GroupConfiguration(THREE, true, 7)))
        .isEqualTo("a change of the group is under way");
  }

  @Test
  void aLeaderActsOnlyOnAStateNewerThanTheGroupsConfiguration() {
    // The group was changed at index 7, after the node change that asked for it: a leader that
    // has applied only up to 6 may still hold the node set from before that change.
    GroupConfiguration group = new GroupConfiguration(THREE, false, 7);
    assertThat(group.stateIsAfter(6)).isFalse();
    assertThat(group.stateIsAfter(7)).isTrue();
    assertThat(group.stateIsAfter(8)).isTrue();
  }
}
