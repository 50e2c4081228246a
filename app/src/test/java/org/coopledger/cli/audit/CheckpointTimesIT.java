package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.checkpoint.Cosignature;
import org.coopledger.governance.checkpoint.Cosigner;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.crypto.SigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's time bound from a witness: a cosignature says "at time t I saw this tree". A real
 * node's checkpoints pass through a proxy that adds a witness's cosignature (the test holds the
 * witness key); dated before the entries the checkpoint covers, it shows that the node dated those
 * entries later than the witness had already seen them, and {@code coop audit --witness} fails.
 */
class CheckpointTimesIT {
  private static final SigningKey WITNESS_KEY = SigningKey.generate();
  private static final Cosigner WITNESS = Cosigner.of("witness-1.example", WITNESS_KEY);

  @TempDir static Path dir;
  private static DemoCoopNode demo;

  @TempDir Path trustDir;
  private LyingProxy proxy;

  @BeforeAll
  static void startNode() throws Exception {
    demo = DemoCoopNode.start(dir, "Witnessed", 1);
    demo.submit(demo.coop.genesis());
    demo.submit(demo.coop.propose("alice", "witnessed", new Governed.Decision()));
    demo.awaitCheckpointCovering(2);
  }

  @AfterAll
  static void stopNode() {
    demo.close();
  }

  @BeforeEach
  void startProxy() {
    proxy = demo.proxy();
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  @Test
  void aCosignatureAfterTheEntriesPasses() {
    cosignAt(System.currentTimeMillis() / 1000 + 1, false);

    CoopRunner.Result result = audit();

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("witness witness-1.example cosigned the checkpoint at");
  }

  @Test
  void aCosignatureDatedBeforeTheEntriesItCoversFailsTheAudit() {
    cosignAt(System.currentTimeMillis() / 1000 - 3600, false);

    CoopRunner.Result result = audit();

    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(result.err())
        .contains(
            "VERIFICATION FAILED [" + CheckpointTimes.CHECKPOINT_BEFORE_ENTRY + "]",
            "witness witness-1.example cosigned the checkpoint of size");
  }

  @Test
  void aCosignatureThatDoesNotVerifyUnderTheWitnessKeyFailsTheAudit() {
    // The witness's name and key hash, but a signature it never made.
    cosignAt(System.currentTimeMillis() / 1000 + 1, true);

    CoopRunner.Result result = audit();

    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(result.err()).contains("VERIFICATION FAILED [CHECKPOINT_SIGNATURE]");
  }

  @Test
  void aWitnessThatDidNotCosignIsSkipped() {
    CoopRunner.Result result = audit();

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).doesNotContain("cosigned");
  }

  /**
   * The proxy adds the witness's cosignature at {@code seconds} to every checkpoint, with a damaged
   * signature if {@code corrupt}.
   */
  private void cosignAt(long seconds, boolean corrupt) {
    NoteVerifier log = NoteVerifier.parse(demo.node.verifierKey().orElseThrow());
    proxy.lie(
        path -> path.startsWith("/v1/checkpoint"),
        answer -> {
          SignedCheckpoint signed =
              SignedCheckpoint.verify(answer.text().getBytes(StandardCharsets.UTF_8), log);
          Cosignature real = WITNESS.cosign(signed.checkpoint(), seconds);
          byte[] signature = real.signature();
          if (corrupt) {
            signature[0] ^= 1;
          }
          Cosignature line =
              new Cosignature(real.name(), real.keyHash(), real.timestamp(), signature);
          return answer.withBody(signed.withCosignature(line).bytes());
        });
  }

  private CoopRunner.Result audit() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "--node",
                proxy.url(),
                "--trust-dir",
                trustDir.toString(),
                "--witness",
                WITNESS.verifier().vkey()));
    return CoopRunner.plain().run(args.toArray(String[]::new));
  }
}
