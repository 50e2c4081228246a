package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.error.CoopException;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

class PrecheckAndEncodingTest {
  private final CoopState demo = Replay.of(DemoLedger.records()).state();

  @Test
  void precheckPassesAGoodEntryAndRefusesATamperedSignature() {
    CoopFixture coop = CoopFixture.demo();
    coop.setClock(CoopFixture.DEMO_START);
    byte[] good =
        coop.sign(
            "audrey", new org.coopledger.governance.action.Approve(demo.proposals().firstKey()));
    assertThat(Precheck.check(good, demo, SignatureVerifier.CRYPTO).entry().author())
        .isEqualTo(coop.key("audrey").id());

    var decoded = EntryCodec.decode(good);
    byte[] sig = decoded.signatures().get(0).signature();
    sig[0] ^= 1;
    byte[] bad =
        EntryCodec.encodeSigned(
            decoded.body(), List.of(new EntrySignature(decoded.signatures().get(0).keyId(), sig)));
    assertThatThrownBy(() -> Precheck.check(bad, demo, SignatureVerifier.CRYPTO))
        .isInstanceOf(CoopException.class)
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("BAD_SIGNATURE");
  }

  @Test
  void precheckLeavesKeysItDoesNotKnowToApply() {
    // Before genesis nobody is known: a member's entry passes the precheck, apply refuses it.
    byte[] entry = CoopFixture.demo().revenue("tess", 1, "EUR", "workshop");
    Precheck.check(entry, CoopState.empty(), SignatureVerifier.CRYPTO);
    var outcome =
        StateMachine.apply(
            CoopState.empty(),
            new org.coopledger.governance.codec.AcceptedEntry(entry, 0),
            SignatureVerifier.CRYPTO);
    assertThat(((EntryOutcome.Rejected) outcome).code()).isEqualTo("NOT_FOUNDED");
  }

  @Test
  void aNodeRefusesAStrangersEntryBeforeOrderingIt() {
    org.coopledger.governance.crypto.SigningKey stranger =
        org.coopledger.governance.crypto.SigningKey.fromSeed(new byte[32]);
    byte[] junk =
        org.coopledger.governance.codec.EntrySigner.sign(
            new org.coopledger.governance.action.Entry(
                demo.coopId(),
                stranger.id(),
                1,
                CoopFixture.DEMO_START,
                CoopFixture.DEMO_START + 60_000,
                new org.coopledger.governance.action.CreateProposal(
                    "junk", "", new org.coopledger.governance.action.Governed.Decision())),
            stranger);
    var decoded = Precheck.check(junk, demo, SignatureVerifier.CRYPTO);
    assertThatThrownBy(() -> Precheck.requireMemberAuthor(decoded, demo))
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("NOT_A_MEMBER");
    CoopFixture coop = CoopFixture.demo();
    Precheck.requireMemberAuthor(
        EntryCodec.decode(
            coop.propose(
                "alice", "fine", new org.coopledger.governance.action.Governed.Decision())),
        demo);
    Precheck.requireMemberAuthor(EntryCodec.decode(coop.genesis()), demo);
  }

  @Test
  void theStateEncodingRoundTripsAndRefusesAnythingElse() {
    byte[] encoded = demo.encode();
    assertThat(CoopState.decode(encoded)).isEqualTo(demo);
    assertThat(CoopState.decode(encoded).digestHex()).isEqualTo(demo.digestHex());

    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> CoopState.decode(longer))
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("BAD_STATE");
    byte[] shorter = Arrays.copyOf(encoded, encoded.length - 3);
    assertThatThrownBy(() -> CoopState.decode(shorter)).isInstanceOf(CoopException.class);
    assertThat(CoopState.decode(CoopState.empty().encode()).isFounded()).isFalse();
  }
}
