package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.error.CoopException;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The check a node runs before ordering an entry verifies the signatures of keys the entry itself
 * brings (a genesis's founders, a rotation's new key) as well as members' current keys, so a forged
 * co-signature never reaches the replicated log; and it keeps out authors who are no (longer)
 * current members, except before genesis, when nobody is.
 */
class PrecheckTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final CoopState demo = Replay.of(DemoLedger.records()).state();

  /** {@code signedEntry} with one bit of its {@code index}-th signature flipped. */
  private static byte[] tamper(byte[] signedEntry, int index) {
    DecodedEntry decoded = EntryCodec.decode(signedEntry);
    List<EntrySignature> signatures = new ArrayList<>(decoded.signatures());
    byte[] sig = signatures.get(index).signature();
    sig[7] ^= 4;
    signatures.set(index, new EntrySignature(signatures.get(index).keyId(), sig));
    return EntryCodec.encodeSigned(decoded.body(), signatures);
  }

  private static String code(Runnable r) {
    try {
      r.run();
      return "passed";
    } catch (CoopException e) {
      return e.code();
    }
  }

  @Test
  void aForgedFoundersSignatureOnAGenesisIsRefusedBeforeOrdering() {
    byte[] genesis = coop.genesis();
    assertThat(code(() -> Precheck.check(genesis, CoopState.empty(), SignatureVerifier.CRYPTO)))
        .isEqualTo("passed");
    // The last founder's co-signature: nobody in the (empty) state knows that key yet.
    byte[] forged = tamper(genesis, 4);

    assertThat(code(() -> Precheck.check(forged, CoopState.empty(), SignatureVerifier.CRYPTO)))
        .isEqualTo("BAD_SIGNATURE");
  }

  @Test
  void aForgedSignatureOfTheNewKeyOnARotationIsRefusedBeforeOrdering() {
    byte[] rotation = coop.rotateKey("carol");
    assertThat(code(() -> Precheck.check(rotation, demo, SignatureVerifier.CRYPTO)))
        .isEqualTo("passed");
    DecodedEntry decoded = EntryCodec.decode(rotation);
    int newKey = decoded.signatures().get(0).keyId().equals(coop.key("carol").id()) ? 0 : 1;

    assertThat(code(() -> Precheck.check(tamper(rotation, newKey), demo, SignatureVerifier.CRYPTO)))
        .isEqualTo("BAD_SIGNATURE");
  }

  @Test
  void onlyCurrentMembersWithTheirCurrentKeysGetTheirEntriesOrdered() {
    Story story = new Story(coop);
    story.accept(coop.genesis());
    CoopState founded = story.state;
    story.accept(coop.rotateKey("carol"));
    CoopState rotated = story.state;
    byte[] withOldKey =
        org.coopledger.governance.codec.EntrySigner.sign(
            new org.coopledger.governance.action.Entry(
                "demo-coop",
                CoopFixture.derivedKey("demo-coop", "carol", 0).id(),
                99,
                rotated.lastAcceptedAt(),
                rotated.lastAcceptedAt() + 60_000,
                new org.coopledger.governance.action.CreateProposal(
                    "t", "", new org.coopledger.governance.action.Governed.Decision())),
            CoopFixture.derivedKey("demo-coop", "carol", 0));
    DecodedEntry stale = EntryCodec.decode(withOldKey);

    assertThat(code(() -> Precheck.requireMemberAuthor(stale, rotated))).isEqualTo("KEY_ROTATED");
    assertThat(code(() -> Precheck.requireMemberAuthor(stale, founded))).isEqualTo("passed");
    // Before genesis nobody is a member: the state machine refuses the entry itself.
    assertThat(code(() -> Precheck.requireMemberAuthor(stale, CoopState.empty())))
        .isEqualTo("passed");
    assertThatThrownBy(() -> Precheck.check(new byte[] {1, 2, 3}, demo, SignatureVerifier.CRYPTO))
        .isInstanceOf(CoopException.class);
  }
}
