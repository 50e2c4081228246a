package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.testkit.CoopFixture;

/** Any accepted entry, with a signature removed or altered, is refused, and changes nothing. */
class SignatureProperties {

  @Provide
  Arbitrary<List<RandomLedger.Op>> ops() {
    return RandomLedger.ops();
  }

  private static List<RandomLedger.Step> applied(List<RandomLedger.Op> ops) {
    return RandomLedger.run(ops).stream()
        .filter(s -> s.outcome() instanceof EntryOutcome.Applied)
        .toList();
  }

  private static void assertRefused(RandomLedger.Step step, byte[] tampered) {
    EntryOutcome outcome =
        StateMachine.apply(
            step.before(),
            new AcceptedEntry(tampered, step.record().acceptedAtMillis()),
            SignatureVerifier.CRYPTO);
    assertThat(outcome).isInstanceOf(EntryOutcome.Rejected.class);
    assertThat(outcome.state().encode()).isEqualTo(step.before().encode());
  }

  @Property(tries = 40)
  void anAcceptedEntryWithASignatureRemovedIsRefused(
      @ForAll("ops") List<RandomLedger.Op> ops, @ForAll @IntRange(min = 0, max = 1000) int pick) {
    for (RandomLedger.Step step : applied(ops)) {
      DecodedEntry decoded = EntryCodec.decode(step.record().signedEntry());
      List<EntrySignature> fewer = new ArrayList<>(decoded.signatures());
      fewer.remove(pick % fewer.size());
      assertRefused(step, EntryCodec.encodeSigned(decoded.body(), fewer));
    }
  }

  @Property(tries = 40)
  void anAcceptedEntryWithAnAlteredSignatureIsRefused(
      @ForAll("ops") List<RandomLedger.Op> ops,
      @ForAll @IntRange(min = 0, max = 1000) int pick,
      @ForAll @IntRange(min = 0, max = 511) int bit) {
    for (RandomLedger.Step step : applied(ops)) {
      DecodedEntry decoded = EntryCodec.decode(step.record().signedEntry());
      List<EntrySignature> altered = new ArrayList<>(decoded.signatures());
      int i = pick % altered.size();
      byte[] sig = altered.get(i).signature();
      sig[bit / 8] ^= (byte) (1 << (bit % 8));
      altered.set(i, new EntrySignature(altered.get(i).keyId(), sig));
      assertRefused(step, EntryCodec.encodeSigned(decoded.body(), altered));
    }
  }

  @Property(tries = 40)
  void anEntrySignedWithARotatedAwayKeyIsRefused(@ForAll("ops") List<RandomLedger.Op> ops) {
    List<RandomLedger.Step> steps = RandomLedger.run(ops);
    CoopState last = steps.getLast().outcome().state();
    for (String name : RandomLedger.NAMES) {
      SigningKey first = CoopFixture.derivedKey("demo-coop", name, 0);
      Member member = last.member(MemberId.joiningWith(first.id())).orElseThrow();
      if (member.key().equals(first.publicKey())) {
        continue;
      }
      byte[] stale =
          EntrySigner.sign(
              new Entry(
                  "demo-coop",
                  first.id(),
                  Long.MAX_VALUE,
                  0,
                  0,
                  new CreateProposal("t", "", new Governed.Decision())),
              first);
      EntryOutcome outcome =
          StateMachine.apply(last, new AcceptedEntry(stale, 0), SignatureVerifier.CRYPTO);
      assertThat(outcome).isInstanceOf(EntryOutcome.Rejected.class);
      // A member who rotated and was then removed is refused for being removed (checked first).
      assertThat(((EntryOutcome.Rejected) outcome).code())
          .isEqualTo(member.active() ? "KEY_ROTATED" : "NOT_A_MEMBER");
    }
  }
}
