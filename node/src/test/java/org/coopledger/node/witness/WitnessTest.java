package org.coopledger.node.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's witness, one defence per test: it cosigns only checkpoints of its own tree signed by a
 * node of the network, and never two inconsistent ones.
 */
class WitnessTest {
  private static final String ORIGIN = "coopledger/test-coop/0011223344556677";

  @TempDir Path dir;

  private final SigningKey ann = SigningKey.fromSeed(seed(1));
  private final SigningKey ben = SigningKey.fromSeed(seed(2));
  private final SigningKey cat = SigningKey.fromSeed(seed(3));
  private final SortedMap<String, NetworkNode> network = new TreeMap<>();
  private InMemoryHashSource tree = InMemoryHashSource.ofEntries(leaves("a", 5));

  WitnessTest() {
    network.put("ann", new NetworkNode("ann", ann.publicKey(), "127.0.0.1:7001"));
    network.put("ben", new NetworkNode("ben", ben.publicKey(), "127.0.0.1:7002"));
    network.put("cat", new NetworkNode("cat", cat.publicKey(), "127.0.0.1:7003"));
  }

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[0] = (byte) b;
    return s;
  }

  private static List<byte[]> leaves(String prefix, int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add((prefix + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private Witness witness(Duration catchUp) {
    return new Witness(
        "cat",
        cat,
        new Witness.Tree() {
          @Override
          public long size() {
            return tree.size();
          }

          @Override
          public Hash root(long size) {
            return tree.root(size);
          }
        },
        () -> Optional.of(ORIGIN),
        () -> network,
        dir,
        Clock.systemUTC(),
        catchUp);
  }

  private Witness witness() {
    return witness(Duration.ofMillis(200));
  }

  private static AddCheckpointRequest request(long old, SigningKey log, long size, Hash root) {
    return request(old, List.of(), log, size, root);
  }

  private static AddCheckpointRequest request(
      long old, List<Hash> proof, SigningKey log, long size, Hash root) {
    byte[] note =
        SignedCheckpoint.sign(
                new Checkpoint(ORIGIN, size, root.bytes()), NoteSigner.of(ORIGIN, log))
            .bytes();
    return new AddCheckpointRequest(old, proof, note);
  }

  private static WitnessException refused(Witness w, AddCheckpointRequest r) {
    return catchThrowableOfType(WitnessException.class, () -> w.addCheckpoint(r));
  }

  @Test
  void cosignsACheckpointOfItsOwnTreeSignedByANodeOfTheNetwork() {
    AddCheckpointRequest r = request(0, ann, 5, tree.root(5));
    String line = witness().addCheckpoint(r);

    SignedNote cosigned = SignedNote.parse(new String(r.note(), StandardCharsets.UTF_8) + line);
    cosigned.verify(NoteVerifier.of("cat", SignatureType.COSIGNATURE_V1, cat.publicKey()));
  }

  @Test
  void refusesACheckpointSignedByAKeyOutsideTheNetwork() {
    WitnessException e =
        refused(witness(), request(0, SigningKey.fromSeed(seed(9)), 5, tree.root(5)));
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("UNTRUSTED_LOG_KEY");
  }

  @Test
  void refusesACheckpointOfAnotherLedger() {
    byte[] note =
        SignedCheckpoint.sign(
                new Checkpoint("coopledger/other/0011223344556677", 5, tree.root(5).bytes()),
                NoteSigner.of("coopledger/other/0011223344556677", ann))
            .bytes();
    WitnessException e = refused(witness(), new AddCheckpointRequest(0, List.of(), note));
    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void refusesACheckpointWhoseRootIsNotItsOwnTreesRoot() {
    Hash fork = InMemoryHashSource.ofEntries(leaves("b", 5)).root(5);
    WitnessException e = refused(witness(), request(0, ann, 5, fork));
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("NOT_MY_TREE");
  }

  @Test
  void neverCosignsACheckpointInconsistentWithOneItCosignedEvenIfItsStoreIsReplaced() {
    Witness w = witness();
    w.addCheckpoint(request(0, ann, 5, tree.root(5)));
    // The store underneath is replaced by another history (entries from #2 on differ), and ben,
    // for whom the witness has cosigned nothing yet, asks for a checkpoint of it.
    List<byte[]> other = leaves("a", 2);
    other.addAll(leaves("b", 6));
    tree = InMemoryHashSource.ofEntries(other);

    WitnessException e = refused(w, request(0, ben, 8, tree.root(8)));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("INCONSISTENT_WITH_COSIGNED");
  }

  @Test
  void followsTheProtocolsOldSizeAcrossARestart() {
    witness().addCheckpoint(request(0, ann, 3, tree.root(3)));
    Witness restarted = witness();

    WitnessException stale = refused(restarted, request(0, ann, 5, tree.root(5)));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.latestSize()).isEqualTo(3);

    List<Hash> proof = tree.consistencyProof(3, 5).path();
    assertThat(restarted.addCheckpoint(request(3, proof, ann, 5, tree.root(5))))
        .startsWith("— cat ");
    // A wrong proof from the recorded size does not pass.
    tree.appendEntry("a5".getBytes(StandardCharsets.UTF_8));
    WitnessException bad = refused(restarted, request(5, proof, ann, 6, tree.root(6)));
    assertThat(bad.code()).isEqualTo("INCONSISTENT_PROOF");
  }

  @Test
  void answersBehindWhileItsOwnTreeHasNotReachedTheSize() {
    Hash future = InMemoryHashSource.ofEntries(leaves("a", 7)).root(7);
    WitnessException e = refused(witness(Duration.ofMillis(50)), request(0, ann, 7, future));
    assertThat(e.status()).isEqualTo(503);
  }

  @Test
  void aRequestWaitingForItsTreeDoesNotHoldUpOneItCanAnswer() throws Exception {
    Witness w = witness(Duration.ofSeconds(10));
    List<byte[]> seven = leaves("a", 7);
    Hash future = InMemoryHashSource.ofEntries(seven).root(7);
    java.util.concurrent.CompletableFuture<String> waiting =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> w.addCheckpoint(request(0, ann, 7, future)));
    while (!waiting.isDone() && !waitingForTree()) {
      Thread.sleep(10);
    }

    // ben's checkpoint of the tree it has is cosigned while ann's still waits for entries 5 and 6.
    assertThat(w.addCheckpoint(request(0, ben, 5, tree.root(5)))).startsWith("— cat ");
    assertThat(waiting).isNotDone();

    tree = InMemoryHashSource.ofEntries(seven);
    assertThat(waiting.get()).startsWith("— cat ");
  }

  /** Whether a thread sleeps in the witness's wait for its tree. */
  private static boolean waitingForTree() {
    return Thread.getAllStackTraces().values().stream()
        .anyMatch(
            stack ->
                java.util.Arrays.stream(stack)
                    .anyMatch(frame -> frame.getMethodName().equals("awaitTree")));
  }
}
