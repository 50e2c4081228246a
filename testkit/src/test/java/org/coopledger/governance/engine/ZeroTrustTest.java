package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.codec.SigningBytes;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every entry is refused unless the right member's current key signed exactly these bytes. */
class ZeroTrustTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  @BeforeEach
  void found() {
    story.accept(coop.genesis());
  }

  private Entry revenueBy(String author, long nonce, String coopId, long expiresAt) {
    return new Entry(
        coopId,
        coop.key(author).id(),
        nonce,
        coop.clock(),
        expiresAt == 0 ? coop.clock() + CoopFixture.DEFAULT_EXPIRY_MILLIS : expiresAt,
        new RecordRevenue(100, "EUR", "subscription", ""));
  }

  @Test
  void aGenesisMissingOneFoundersSignatureIsRefused() {
    CoopFixture other = CoopFixture.demo();
    byte[] full = other.genesis();
    var decoded = EntryCodec.decode(full);
    byte[] fourOfFive = EntryCodec.encodeSigned(decoded.body(), decoded.signatures().subList(0, 4));
    Story fresh = new Story(other);
    EntryOutcome.Rejected r = fresh.reject(fourOfFive, "MISSING_SIGNATURE");
    assertThat(r.message()).contains(other.key("audrey").id().hex());
  }

  @Test
  void anEntryBeforeGenesisIsRefused() {
    Story fresh = new Story(CoopFixture.demo());
    fresh.reject(
        EntrySigner.sign(revenueBy("tess", 1, "demo-coop", 0), coop.key("tess")), "NOT_FOUNDED");
  }

  @Test
  void anEntryWithoutSignatureIsRefused() {
    byte[] body = EntryCodec.encodeBody(revenueBy("tess", 1, "demo-coop", 0));
    story.reject(EntryCodec.encodeSigned(body, List.of()), "MISSING_SIGNATURE");
  }

  @Test
  void anAlteredSignatureIsRefused() {
    byte[] body = EntryCodec.encodeBody(revenueBy("tess", 1, "demo-coop", 0));
    byte[] sig = coop.key("tess").sign(SigningBytes.of(body));
    sig[10] ^= 1;
    story.reject(
        EntryCodec.encodeSigned(body, List.of(new EntrySignature(coop.key("tess").id(), sig))),
        "BAD_SIGNATURE");
  }

  @Test
  void aSignatureWithoutTheDomainPrefixIsRefused() {
    byte[] body = EntryCodec.encodeBody(revenueBy("tess", 1, "demo-coop", 0));
    byte[] sig = coop.key("tess").sign(body);
    story.reject(
        EntryCodec.encodeSigned(body, List.of(new EntrySignature(coop.key("tess").id(), sig))),
        "BAD_SIGNATURE");
  }

  @Test
  void anotherMembersSignatureDoesNotCountForTheAuthor() {
    story.reject(
        EntrySigner.sign(revenueBy("tess", 1, "demo-coop", 0), coop.key("bob")),
        "MISSING_SIGNATURE");
    // Only revenue takes co-signers (its clause counts them); any other entry has one signer.
    Entry proposal =
        new Entry(
            "demo-coop",
            coop.key("tess").id(),
            1,
            coop.clock(),
            coop.clock() + CoopFixture.DEFAULT_EXPIRY_MILLIS,
            new org.coopledger.governance.action.CreateProposal(
                "t", "", new org.coopledger.governance.action.Governed.Decision()));
    story.reject(EntrySigner.sign(proposal, coop.key("tess"), coop.key("bob")), "BAD_SIGNATURE");
  }

  @Test
  void aStrangerIsNotAMember() {
    SigningKey stranger = SigningKey.fromSeed(new byte[32]);
    Entry entry =
        new Entry("demo-coop", stranger.id(), 1, 0, 0, new RecordRevenue(1, "EUR", "workshop", ""));
    story.reject(EntrySigner.sign(entry, stranger), "NOT_A_MEMBER");
  }

  @Test
  void aReplayedOrLowerNonceIsRefused() {
    foundSplit();
    byte[] first = EntrySigner.sign(revenueBy("tess", 5, "demo-coop", 0), coop.key("tess"));
    story.accept(first);
    story.reject(first, "REPLAYED_NONCE");
    story.reject(
        EntrySigner.sign(revenueBy("tess", 4, "demo-coop", 0), coop.key("tess")), "REPLAYED_NONCE");
    story.accept(EntrySigner.sign(revenueBy("tess", 6, "demo-coop", 0), coop.key("tess")));
  }

  @Test
  void anEntryForAnotherCoopIsRefused() {
    story.reject(
        EntrySigner.sign(revenueBy("tess", 1, "other-coop", 0), coop.key("tess")), "WRONG_COOP");
  }

  @Test
  void anEntryAcceptedAfterItsExpiryIsRefused() {
    foundSplit();
    long expiry = coop.clock() + 60_000;
    byte[] entry = EntrySigner.sign(revenueBy("tess", 7, "demo-coop", expiry), coop.key("tess"));
    CoopState before = story.state;
    EntryOutcome late = story.submitAt(entry, expiry + 1);
    assertThat(late).isInstanceOf(EntryOutcome.Rejected.class);
    assertThat(((EntryOutcome.Rejected) late).code()).isEqualTo("EXPIRED");
    assertThat(story.state).isEqualTo(before);
    assertThat(story.submitAt(entry, expiry)).isInstanceOf(EntryOutcome.Applied.class);
    assertThat(story.state).isNotEqualTo(before);
  }

  @Test
  void applyAsksTheVerifierAboutExactlyTheSignedBytesAndObeysIt() {
    foundSplit();
    byte[] body = EntryCodec.encodeBody(revenueBy("tess", 1, "demo-coop", 0));
    byte[] sig = coop.key("tess").sign(SigningBytes.of(body));
    byte[] signed =
        EntryCodec.encodeSigned(body, List.of(new EntrySignature(coop.key("tess").id(), sig)));
    var record = new org.coopledger.governance.codec.AcceptedEntry(signed, coop.clock());
    List<Object[]> asked = new java.util.ArrayList<>();

    EntryOutcome checked =
        StateMachine.apply(
            story.state,
            record,
            (k, m, s) -> {
              asked.add(new Object[] {k, m, s});
              SignatureVerifier.CRYPTO.verify(k, m, s);
            });
    EntryOutcome refused =
        StateMachine.apply(
            story.state,
            record,
            (k, m, s) -> {
              throw new org.coopledger.governance.error.VerificationException(
                  "BAD_SIGNATURE", "refused by the verifier");
            });

    // The (key, message, signature) a caching verifier sees is the one Ed25519 must cover: the
    // author's current key, the domain-separated body exactly as signed, the signature as sent.
    assertThat(checked).isInstanceOf(EntryOutcome.Applied.class);
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0)[0]).isEqualTo(coop.key("tess").publicKey());
    assertThat((byte[]) asked.get(0)[1]).isEqualTo(SigningBytes.of(body));
    assertThat((byte[]) asked.get(0)[2]).isEqualTo(sig);
    // Apply never decides on its own: whatever the verifier refuses is refused.
    assertThat(refused).isInstanceOf(EntryOutcome.Rejected.class);
    assertThat(((EntryOutcome.Rejected) refused).code()).isEqualTo("BAD_SIGNATURE");
  }

  private void foundSplit() {
    byte[] p =
        coop.propose(
            "bob",
            "all to bob",
            new org.coopledger.governance.action.Governed.SplitChange(
                List.of(new org.coopledger.governance.action.Share(coop.id("bob"), 10_000))));
    story.accept(p);
    var id = CoopFixture.idOf(p);
    story.accept(coop.approve("bob", id));
    for (String m : List.of("alice", "bob", "carol")) {
      story.accept(coop.vote(m, id, org.coopledger.governance.action.VoteChoice.YES));
    }
    story.accept(coop.execute("alice", id));
  }
}
