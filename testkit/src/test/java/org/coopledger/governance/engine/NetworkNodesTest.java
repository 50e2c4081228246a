package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The co-op's network is part of its state: founded at genesis (under the founders' signatures),
 * changed only by executed {@code nodes} proposals, and never left unable to meet its witness
 * policy.
 */
class NetworkNodesTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);
  private final List<NetworkNode> three =
      List.of(coop.node("ann", 7001), coop.node("ben", 7002), coop.node("cat", 7003));

  private EntryId votedThrough(Governed change) {
    byte[] proposal = coop.propose("alice", "nodes", change);
    story.accept(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String m : List.of("alice", "bob", "carol", "tess")) {
      story.accept(coop.vote(m, id, VoteChoice.YES));
    }
    coop.setClock(coop.clock() + Duration.ofHours(49).toMillis());
    return id;
  }

  @Test
  void aGenesisWithNodesFoundsTheNetworkWithAMajorityOfWitnessesByDefault() {
    story.accept(coop.genesis("", List.of(), three));

    assertThat(story.state.nodes().keySet()).containsExactly("ann", "ben", "cat");
    assertThat(story.state.nodes().get("ben").key()).isEqualTo(coop.nodeKey("ben").publicKey());
    Rulebook rules = story.state.parsedRulebook();
    assertThat(rules.witnesses()).isEqualTo(2);
    assertThat(rules.clause(ActionKind.NODES).text()).isEqualTo(DefaultRulebook.NODES);
    assertThat(story.state.rulebook()).endsWith("witnesses: 2 of nodes\n");
  }

  @Test
  void aCoopWithoutNodesKeepsTheEncodingItHadBeforeNetworksAndCannotChangeNodes() {
    story.accept(coop.genesis());
    assertThat(story.state.nodes()).isEmpty();
    assertThat(new String(story.state.encode(), 4, 19, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("coopledger/state/v2");
    assertThat(story.state.parsedRulebook().has(ActionKind.NODES)).isFalse();
    assertThat(story.state.parsedRulebook().witnesses()).isZero();

    story.reject(
        coop.propose("alice", "a node", new Governed.NodeChange("", coop.node("ann", 7001))),
        RejectionCode.NOT_ALLOWED);
  }

  @Test
  void theNodeSetSurvivesEncodingAndTakesPartInTheDigest() {
    story.accept(coop.genesis("", List.of(), three));
    byte[] bytes = story.state.encode();
    assertThat(CoopState.decode(bytes).nodes()).isEqualTo(story.state.nodes());

    Story other = new Story(CoopFixture.demo());
    other.accept(
        other.coop.genesis(
            "",
            List.of(),
            List.of(coop.node("ann", 7001), coop.node("ben", 7002), coop.node("cat", 7004))));
    assertThat(other.state.digestHex()).isNotEqualTo(story.state.digestHex());
  }

  @Test
  void aWitnessPolicyTheNodesCannotMeetIsRefusedAtGenesis() {
    String fourWitnesses =
        DefaultRulebook.forNetwork(3).withWitnesses(4).text(); // 3 nodes cannot give 4 cosignatures
    story.reject(coop.genesis(fourWitnesses, List.of(), three), RejectionCode.WITNESS_POLICY);

    String noPolicy =
        DefaultRulebook.rulebook().with(ActionKind.NODES, Clause.parse("vote()")).text();
    story.reject(coop.genesis(noPolicy, List.of(), three), RejectionCode.WITNESS_POLICY);

    story.reject(
        coop.genesis(DefaultRulebook.rulebook().withWitnesses(1).text(), List.of()),
        RejectionCode.WITNESS_POLICY);
  }

  @Test
  void twoNodesWithOneKeyOrOneNameAreRefusedAtGenesis() {
    NetworkNode twin = new NetworkNode("dan", coop.nodeKey("ann").publicKey(), "127.0.0.1:7009");
    story.reject(
        coop.genesis("", List.of(), List.of(three.get(0), twin)), RejectionCode.DUPLICATE_NODE);
    story.reject(
        coop.genesis("", List.of(), List.of(three.get(0), coop.node("ann", 7009))),
        RejectionCode.DUPLICATE_NODE);
  }

  @Test
  void aNodeIsAddedRemovedAndReplacedOnlyByAnExecutedProposal() {
    story.accept(coop.genesis("", List.of(), three));

    EntryId add = votedThrough(new Governed.NodeChange("", coop.node("dan", 7004)));
    assertThat(story.state.nodes()).doesNotContainKey("dan");
    story.accept(coop.execute("bob", add));
    assertThat(story.state.nodes().keySet()).containsExactly("ann", "ben", "cat", "dan");

    NetworkNode newBen = new NetworkNode("ben", coop.nodeKey("ben2").publicKey(), "10.0.0.2:7070");
    story.accept(coop.execute("bob", votedThrough(new Governed.NodeChange("ben", newBen))));
    assertThat(story.state.nodes().get("ben")).isEqualTo(newBen);

    story.accept(coop.execute("bob", votedThrough(new Governed.NodeChange("dan", null))));
    assertThat(story.state.nodes().keySet()).containsExactly("ann", "ben", "cat");
  }

  @Test
  void aProposalWithoutTheVotesOfTheNodesClauseDoesNotChangeTheNetwork() {
    story.accept(coop.genesis("", List.of(), three));
    byte[] proposal =
        coop.propose("alice", "sneak in", new Governed.NodeChange("", coop.node("eve", 7666)));
    story.accept(proposal);
    story.reject(coop.execute("alice", CoopFixture.idOf(proposal)), RejectionCode.CLAUSE_NOT_MET);
    assertThat(story.state.nodes()).doesNotContainKey("eve");
  }

  @Test
  void removingANodeBelowTheWitnessPolicyOrAnUnknownNodeIsRefused() {
    story.accept(
        coop.genesis(DefaultRulebook.forNetwork(3).withWitnesses(3).text(), List.of(), three));
    story.reject(
        coop.propose("alice", "drop cat", new Governed.NodeChange("cat", null)),
        RejectionCode.WITNESS_POLICY);
    story.reject(
        coop.propose("alice", "drop zed", new Governed.NodeChange("zed", null)),
        RejectionCode.UNKNOWN_NODE);
    story.reject(
        coop.propose("alice", "another ann", new Governed.NodeChange("", coop.node("ann", 7010))),
        RejectionCode.DUPLICATE_NODE);
  }

  @Test
  void aRulebookChangeCannotDropOrRaiseTheWitnessPolicyBeyondTheNodes() {
    story.accept(coop.genesis("", List.of(), three));
    Rulebook rules = story.state.parsedRulebook();
    story.reject(
        coop.propose(
            "alice", "no witnesses", new Governed.RulebookChange(rules.withWitnesses(0).text())),
        RejectionCode.WITNESS_POLICY);
    story.reject(
        coop.propose("alice", "four", new Governed.RulebookChange(rules.withWitnesses(4).text())),
        RejectionCode.WITNESS_POLICY);
    story.accept(
        coop.propose("alice", "three", new Governed.RulebookChange(rules.withWitnesses(3).text())));
  }

  @Test
  void theWitnessPolicyLineParsesAndPrintsCanonically() {
    Rulebook parsed =
        Rulebook.parse(DefaultRulebook.rulebook().text() + "witnesses:  2 of nodes \n");
    assertThat(parsed.witnesses()).isEqualTo(2);
    assertThat(Rulebook.parse(parsed.text())).isEqualTo(parsed);
    for (String bad : List.of("0 of nodes", "2 of members", "two of nodes", "101 of nodes")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Rulebook.parse(DefaultRulebook.rulebook().text() + "witnesses: " + bad))
          .isInstanceOf(org.coopledger.governance.clause.BadClauseException.class);
    }
  }
}
