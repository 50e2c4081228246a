package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/** Every power is a clause: recording revenue and recovering a key too. */
class PowersTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private void found(ActionKind kind, String clause) {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().with(kind, Clause.parse(clause)).text(),
            List.of(new Share(coop.id("alice"), 10_000))));
  }

  @Test
  void aCoopCanAskForTwoTreasurersToRecordRevenueWhoCoSignTheEntry() {
    found(ActionKind.REVENUE, "2 of role(treasurer)");

    EntryOutcome.Rejected alone =
        story.reject(coop.revenue("tess", 500, "EUR", "workshop"), "NOT_ALLOWED");
    assertThat(alone.message()).contains("2 of role(treasurer)");
    story.reject(
        EntrySigner.cosign(coop.revenue("tess", 500, "EUR", "workshop"), coop.key("alice")),
        "NOT_ALLOWED");
    story.reject(
        EntrySigner.cosign(
            coop.revenue("tess", 500, "EUR", "workshop"), SigningKey.fromSeed(new byte[32])),
        "BAD_SIGNATURE");
    story.accept(EntrySigner.cosign(coop.revenue("tess", 500, "EUR", "workshop"), coop.key("bob")));

    assertThat(story.state.balances().of(coop.id("alice"), "EUR")).isEqualTo(500);
  }

  @Test
  void byDefaultOneTreasurerRecordsRevenueAndNobodyElse() {
    found(ActionKind.DECISION, DefaultRulebook.MAJORITY);
    assertThat(story.state.parsedRulebook().clause(ActionKind.REVENUE).text())
        .isEqualTo("1 of role(treasurer)");
    story.reject(coop.revenue("alice", 100, "EUR", "subscription"), "NOT_ALLOWED");
    story.accept(coop.revenue("bob", 100, "EUR", "subscription"));
  }

  private EntryId recoverKeyVotedThrough(String subject, SigningKey newKey) {
    byte[] proposal =
        coop.propose(
            "alice",
            "new key for " + subject,
            new Governed.RecoverKey(coop.id(subject), newKey.publicKey()));
    story.accept(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String m : List.of("alice", "carol", "tess")) {
      story.accept(coop.vote(m, id, VoteChoice.YES));
    }
    return id;
  }

  @Test
  void theRealOwnerStopsAThiefsKeyRecoveryWithAVeto() {
    story.accept(coop.genesis());
    SigningKey thief = coop.addKey("mallory");
    EntryId recover = recoverKeyVotedThrough("bob", thief);

    story.accept(coop.veto("bob", recover, "that is not my key"));
    coop.setClock(coop.clock() + Duration.ofHours(73).toMillis());
    story.accept(coop.execute("alice", recover));

    assertThat(story.state.proposal(recover).orElseThrow().status())
        .isEqualTo(ProposalStatus.REJECTED);
    assertThat(story.state.member(coop.id("bob")).orElseThrow().key())
        .isEqualTo(coop.key("bob").publicKey());
  }

  @Test
  void theCoopReplacesALostKeyAfterTheTimelock() {
    story.accept(coop.genesis());
    SigningKey fresh = CoopFixture.derivedKey(coop.coopId(), "carol", 7);
    EntryId recover = recoverKeyVotedThrough("carol", fresh);

    story.reject(coop.execute("alice", recover), "CLAUSE_NOT_MET");
    coop.setClock(coop.clock() + Duration.ofHours(73).toMillis());
    story.accept(coop.execute("alice", recover));

    assertThat(story.state.member(coop.id("carol")).orElseThrow().key())
        .isEqualTo(fresh.publicKey());
    story.reject(coop.propose("carol", "old key", new Governed.Decision()), "KEY_ROTATED");
  }
}
