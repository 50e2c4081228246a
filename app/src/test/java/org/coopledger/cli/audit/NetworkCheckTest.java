package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.Cosigner;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteSignature;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.engine.StateMachine;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The audit's network check, one defence per test: the nodes and the witness policy come from the
 * replayed state, so an operator who holds one node's key cannot make a checkpoint pass alone.
 */
class NetworkCheckTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final List<NetworkNode> network =
      List.of(coop.node("ann", 7001), coop.node("ben", 7002), coop.node("cat", 7003));
  private final byte[] genesis = coop.genesis("", List.of(), network);
  private final CoopState state =
      StateMachine.apply(
              CoopState.empty(),
              new AcceptedEntry(genesis, coop.clock() - 900),
              SignatureVerifier.CRYPTO)
          .state();
  private final String origin = LedgerOrigin.ofGenesis(genesis);
  private final Checkpoint checkpoint = new Checkpoint(origin, 1, new byte[32]);

  private SignedCheckpoint signedBy(String node, Checkpoint c) {
    return SignedCheckpoint.sign(c, NoteSigner.of(origin, coop.nodeKey(node)));
  }

  private static SignedCheckpoint cosigned(SignedCheckpoint cp, String name, SigningKey key) {
    return cp.cosign(Cosigner.of(name, key), 1_767_225_600L);
  }

  private SignedCheckpoint cosignedBy(SignedCheckpoint cp, String... nodes) {
    for (String n : nodes) {
      cp = cosigned(cp, n, coop.nodeKey(n));
    }
    return cp;
  }

  private String text(SignedCheckpoint cp) {
    return cp.note().encode();
  }

  private VerificationException failure(SignedCheckpoint cp) {
    return (VerificationException)
        org.assertj.core.api.Assertions.catchThrowable(
            () -> NetworkCheck.check(text(cp), state, origin));
  }

  @Test
  void aCheckpointCosignedByEnoughNodesPassesAndSaysWhoSignedIt() {
    NetworkCheck.Result r =
        NetworkCheck.check(
                text(cosignedBy(signedBy("ben", checkpoint), "ben", "cat")), state, origin)
            .orElseThrow();
    assertThat(r.signer()).isEqualTo("ben");
    assertThat(r.cosigners()).containsExactly("ben", "cat");
    assertThat(r.required()).isEqualTo(2);
  }

  @Test
  void aCheckpointOnlyItsOwnNodeCosignedFailsNamingTheMissingNodes() {
    VerificationException e = failure(cosignedBy(signedBy("ann", checkpoint), "ann"));
    assertThat(e.code()).isEqualTo(NetworkCheck.TOO_FEW_COSIGNATURES);
    assertThat(e.getMessage()).contains("only ann did").contains("missing: ben, cat");
  }

  @Test
  void cosignaturesByKeysOutsideTheNetworkDoNotCountEvenUnderANodesName() {
    SignedCheckpoint cp = cosignedBy(signedBy("ann", checkpoint), "ann");
    cp = cosigned(cp, "ben", SigningKey.generate());
    cp = cosigned(cp, "cat", coop.nodeKey("ann")); // ann's key under cat's name
    assertThat(failure(cp).code()).isEqualTo(NetworkCheck.TOO_FEW_COSIGNATURES);
  }

  @Test
  void aCheckpointForAnotherRootWithTheRealCosignaturesCopiedFails() {
    SignedCheckpoint real = cosignedBy(signedBy("ann", checkpoint), "ann", "ben", "cat");
    byte[] otherRoot = new byte[32];
    otherRoot[0] = 1;
    SignedNote forged = signedBy("ann", new Checkpoint(origin, 1, otherRoot)).note();
    for (NoteSignature line : real.note().signatures()) {
      if (!line.name().equals(origin)) {
        forged = forged.withSignature(line);
      }
    }
    String note = forged.encode();
    VerificationException e =
        (VerificationException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> NetworkCheck.check(note, state, origin));
    assertThat(e.code()).isEqualTo(NetworkCheck.BAD_COSIGNATURE);
  }

  @Test
  void aForgedCosignatureByANodeFails() {
    SignedCheckpoint real = cosignedBy(signedBy("ann", checkpoint), "ann", "ben", "cat");
    List<NoteSignature> lines = new java.util.ArrayList<>();
    for (NoteSignature line : real.note().signatures()) {
      if (line.name().equals("cat")) {
        byte[] sig = line.signature();
        sig[20] ^= 1;
        line = new NoteSignature(line.name(), line.keyHash(), sig);
      }
      lines.add(line);
    }
    String note = new SignedNote(real.note().text(), lines).encode();
    assertThatThrownBy(() -> NetworkCheck.check(note, state, origin))
        .isInstanceOf(VerificationException.class)
        .extracting(t -> ((VerificationException) t).code())
        .isEqualTo(NetworkCheck.BAD_COSIGNATURE);
  }

  @Test
  void aCheckpointSignedByAKeyThatIsNoNodeOfTheNetworkFails() {
    SignedCheckpoint cp =
        SignedCheckpoint.sign(checkpoint, NoteSigner.of(origin, SigningKey.generate()));
    assertThat(failure(cosignedBy(cp, "ann", "ben", "cat")).code())
        .isEqualTo(NetworkCheck.NODE_NOT_IN_NETWORK);
  }

  @Test
  void aCoopWithoutANetworkHasNothingToCheck() {
    CoopFixture single = CoopFixture.demo();
    CoopState alone =
        StateMachine.apply(
                CoopState.empty(),
                new AcceptedEntry(single.genesis(), single.clock() - 900),
                SignatureVerifier.CRYPTO)
            .state();
    assertThat(NetworkCheck.check(text(signedBy("ann", checkpoint)), alone, origin)).isEmpty();
  }
}
