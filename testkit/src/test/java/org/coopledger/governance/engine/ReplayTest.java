package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.error.CoopException;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * The one replay auditors and tests use: the audited replay of a node's ledger reaches the state
 * the node claims, sees every record in order, and stops at the first record the rules reject,
 * naming it.
 */
class ReplayTest {
  private final List<AcceptedEntry> demo = DemoLedger.records();

  private static List<byte[]> bytes(List<AcceptedEntry> records) {
    return records.stream().map(AcceptedEntry::toBytes).toList();
  }

  @Test
  void theAuditedReplayReachesTheStateOfTheReplayAndSeesEveryRecordInOrder() {
    List<String> seen = new ArrayList<>();
    CoopState state =
        Replay.acceptedLedger(
            bytes(demo).iterator(),
            SignatureVerifier.CRYPTO,
            (index, before, applied, record) ->
                seen.add(index + " " + before.lastAcceptedAt() + " " + record.length));

    assertThat(state.digestHex()).isEqualTo(Replay.of(demo).state().digestHex());
    assertThat(Replay.acceptedLedger(bytes(demo).iterator(), SignatureVerifier.CRYPTO).digestHex())
        .isEqualTo(state.digestHex());
    assertThat(seen).hasSize(demo.size());
    // Record i is seen with the state after record i - 1 (none before the genesis).
    assertThat(seen.get(0)).isEqualTo("0 0 " + demo.get(0).toBytes().length);
    assertThat(seen.get(5))
        .isEqualTo("5 " + demo.get(4).acceptedAtMillis() + " " + demo.get(5).toBytes().length);
  }

  @Test
  void theAuditedReplayStopsAtTheFirstRejectedRecordAndNamesIt() {
    List<AcceptedEntry> forged = new ArrayList<>(demo);
    // Record 3 again: a replayed nonce.
    forged.add(4, demo.get(3));

    assertThatThrownBy(
            () -> Replay.acceptedLedger(bytes(forged).iterator(), SignatureVerifier.CRYPTO))
        .isInstanceOfSatisfying(
            CoopException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ENTRY_REJECTED");
              assertThat(e.getMessage())
                  .startsWith("entry #4 does not hold")
                  .contains("REPLAYED_NONCE");
            });
  }

  @Test
  void aReplayListsExactlyTheRejectedRecords() {
    CoopFixture coop = CoopFixture.demo();
    byte[] genesis = coop.genesis();
    List<AcceptedEntry> records =
        List.of(
            new AcceptedEntry(genesis, coop.clock()),
            new AcceptedEntry(genesis, coop.clock()),
            new AcceptedEntry(coop.revenue("tess", 100, "EUR", "workshop"), coop.clock()));

    Replay replay = Replay.of(records);

    assertThat(replay.outcomes()).hasSize(3);
    assertThat(replay.rejections())
        .extracting(EntryOutcome.Rejected::code)
        .containsExactly("ALREADY_FOUNDED", "NO_SPLIT");
    assertThat(replay.outcomes().get(0)).isInstanceOf(EntryOutcome.Applied.class);
  }
}
