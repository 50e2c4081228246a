package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The values a state is made of refuse to exist half-made (a decoded state with a missing field
 * fails where it is built, not later in a rule), and do not change behind their holder's back.
 */
class StateValuesTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final MemberId alice = coop.id("alice");
  private final PublicKey key = coop.key("alice").publicKey();

  @Test
  void aMemberNeedsAnIdAKeyANameAndRoles() {
    assertThatThrownBy(() -> new Member(null, key, "alice", List.of(), 0, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Member(alice, null, "alice", List.of(), 0, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Member(alice, key, null, List.of(), 0, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Member(alice, key, "alice", null, 0, true))
        .isInstanceOf(IllegalArgumentException.class);

    List<String> roles = new ArrayList<>(List.of("creator"));
    Member m = new Member(alice, key, "alice", roles, 7, true);
    roles.add("treasurer");
    assertThat(m.roles()).containsExactly("creator");
    assertThat(m.hasRole("treasurer")).isFalse();
    assertThat(m.describe()).isEqualTo("alice (" + alice.hex().substring(0, 8) + "...)");
    assertThat(m.withNonce(9).lastNonce()).isEqualTo(9);
    assertThat(m.removed().active()).isFalse();
    assertThat(m.removed().lastNonce()).isEqualTo(7);
  }

  @Test
  void aProposalNeedsAnIdAnAuthorAnActionAndAStatus() {
    EntryId id = new EntryId("ab".repeat(32));
    CreateProposal action = new CreateProposal("t", "", new Governed.Decision());
    TreeMap<MemberId, Proposal.Elector> electorate = new TreeMap<>();

    assertThatThrownBy(() -> Proposal.open(null, alice, 1, action, electorate))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proposal.open(id, null, 1, action, electorate))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proposal.open(id, alice, 1, null, electorate))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Proposal.open(id, alice, 1, action, electorate).withStatus(null, -1, -1, -1))
        .isInstanceOf(IllegalArgumentException.class);

    // The electorate is a snapshot: changing the map it was opened with changes nothing.
    electorate.put(alice, new Proposal.Elector(List.of("creator"), 0));
    Proposal p = Proposal.open(id, alice, 1, action, electorate);
    electorate.clear();
    assertThat(p.electorate()).containsOnlyKeys(alice);
    assertThat(p.status()).isEqualTo(ProposalStatus.OPEN);
    assertThat(p.conditionsMetAt()).isEqualTo(-1);
    assertThat(p.closedAt()).isEqualTo(-1);
  }

  @Test
  void onlyRejectedExpiredAndExecutedProposalsAreClosed() {
    assertThat(ProposalStatus.OPEN.isClosed()).isFalse();
    assertThat(ProposalStatus.PASSED.isClosed()).isFalse();
    assertThat(ProposalStatus.REJECTED.isClosed()).isTrue();
    assertThat(ProposalStatus.EXPIRED.isClosed()).isTrue();
    assertThat(ProposalStatus.EXECUTED.isClosed()).isTrue();
  }

  @Test
  void aStateEqualsItsDecodedCopyHashesAlikeAndSaysWhatItIs() {
    CoopState demo = Replay.of(DemoLedger.records()).state();
    CoopState decoded = CoopState.decode(demo.encode());

    assertThat(decoded).isEqualTo(demo).isNotSameAs(demo);
    assertThat(decoded.hashCode()).isEqualTo(demo.hashCode());
    assertThat(demo).isNotEqualTo(CoopState.empty());
    assertThat(demo.hashCode()).isNotEqualTo(CoopState.empty().hashCode());
    assertThat(demo.toString()).isEqualTo("co-op demo-coop (5 members, 3 proposals)");
    assertThat(CoopState.empty().toString()).isEqualTo("unfounded co-op");
  }
}
