package org.coopledger.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.error.CoopException;
import org.coopledger.node.store.AppliedIndex;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger applied from checked entries (the leader's path: decoded and verified before Raft) and
 * from record bytes alone (a follower, a replay) on real stores: the same results, the same state
 * digest, the same tree, and the same again after reopening.
 */
class LedgerReplayTest {
  @TempDir Path dir;

  private final CoopFixture coop = CoopFixture.demo();

  @Test
  void checkedAndReplayedRecordsGiveTheSameLedgerByteForByte() {
    List<List<byte[]>> groups = new ArrayList<>();
    groups.add(List.of(coop.genesis()));
    byte[] proposal = coop.propose("alice", "a decision", new Governed.Decision());
    EntryId id = CoopFixture.idOf(proposal);
    byte[] staleVote = coop.vote("bob", id, VoteChoice.NO);
    groups.add(
        List.of(
            proposal,
            coop.vote("alice", id, VoteChoice.YES),
            // Checked while bob's old key is current; applied after his rotation: refused in
            // both paths (KEY_ROTATED), although its signature was verified before Raft.
            coop.rotateKey("bob"),
            staleVote,
            coop.vote("bob", id, VoteChoice.YES),
            coop.vote("alice", id, VoteChoice.NO),
            coop.vote("carol", id, VoteChoice.ABSTAIN)));
    byte[] tessYes = coop.vote("tess", id, VoteChoice.YES);
    groups.add(
        List.of(
            // A copy of an accepted entry, in a later record (another acceptance time): answered
            // with the first copy's result in both paths, and nothing appended.
            groups.get(1).get(1),
            // Another entry reusing that nonce: the replay defence refuses it in both paths.
            coop.reusingNonce(groups.get(1).get(1), new CastVote(id, VoteChoice.NO, "")),
            tessYes,
            // Two copies in one group: the second finds the first before it is stored.
            tessYes));

    Result checked;
    Result replayed;
    try (LedgerStore a = LedgerStore.open(dir.resolve("checked"));
        LedgerStore b = LedgerStore.open(dir.resolve("replayed"))) {
      checked = applyAll(a, groups, true);
      replayed = applyAll(b, groups, false);
    }
    assertThat(checked.results).isEqualTo(replayed.results);
    assertThat(checked.results)
        .extracting(LedgerReplayTest::describe)
        .containsExactly(
            "0",
            "1",
            "2",
            "3",
            "KEY_ROTATED",
            "4",
            "5",
            "6",
            "duplicate of 2",
            "REPLAYED_NONCE",
            "7",
            "duplicate of 7");
    RecordResult.Accepted first = (RecordResult.Accepted) checked.results.get(2);
    assertThat(checked.results.get(8))
        .as("the copy's answer is the first copy's, acceptance time included")
        .isEqualTo(
            new RecordResult.Accepted(
                first.index(), first.leafHash(), first.treeSize(), first.acceptedAtMillis(), true));
    assertThat(checked.digest).isEqualTo(replayed.digest);
    assertThat(checked.root).isEqualTo(replayed.root);

    try (LedgerStore reopened = LedgerStore.open(dir.resolve("checked"))) {
      LedgerView view = Ledger.open(reopened).view();
      assertThat(view.state().digestHex()).isEqualTo(checked.digest);
      assertThat(view.root().base64()).isEqualTo(checked.root);
      assertThat(view.treeSize()).isEqualTo(8);
    }
  }

  @Test
  void aForgedSignatureIsRefusedBeforeOrderingAndByApplyAlike() {
    byte[] genesis = coop.genesis();
    byte[] forged = coop.propose("alice", "forged", new Governed.Decision());
    forged[forged.length - 1] ^= 1;
    try (LedgerStore store = LedgerStore.open(dir)) {
      Ledger ledger = Ledger.open(store);
      commit(
          store,
          ledger,
          List.of(
              NewRecord.of(
                  CheckedEntry.check(genesis, state(ledger)), CoopFixture.DEMO_START + 60_000)));
      assertThatThrownBy(() -> CheckedEntry.check(forged, state(ledger)))
          .isInstanceOf(CoopException.class)
          .extracting(e -> ((CoopException) e).code())
          .isEqualTo("BAD_SIGNATURE");
      List<RecordResult> results =
          commit(
              store,
              ledger,
              List.of(
                  NewRecord.replicated(
                      new org.coopledger.governance.codec.AcceptedEntry(
                              forged, CoopFixture.DEMO_START + 61_000)
                          .toBytes())));
      assertThat(results)
          .singleElement()
          .isInstanceOfSatisfying(
              RecordResult.Rejected.class,
              r -> assertThat(r.code().name()).isEqualTo("BAD_SIGNATURE"));
    }
  }

  private static String describe(RecordResult result) {
    return switch (result) {
      case RecordResult.Rejected r -> r.code().name();
      case RecordResult.Accepted a -> (a.duplicate() ? "duplicate of " : "") + a.index();
    };
  }

  private record Result(List<RecordResult> results, String digest, String root) {}

  private static Result applyAll(LedgerStore store, List<List<byte[]>> groups, boolean checked) {
    Ledger ledger = Ledger.open(store);
    List<RecordResult> results = new ArrayList<>();
    long acceptedAt = CoopFixture.DEMO_START + 60_000;
    for (List<byte[]> group : groups) {
      CoopState snapshot = state(ledger);
      List<NewRecord> records = new ArrayList<>();
      for (byte[] entry : group) {
        NewRecord record = NewRecord.of(CheckedEntry.check(entry, snapshot), acceptedAt);
        records.add(checked ? record : NewRecord.replicated(record.bytes()));
      }
      results.addAll(commit(store, ledger, records));
      acceptedAt += 1_000;
    }
    return new Result(results, ledger.view().state().digestHex(), ledger.view().root().base64());
  }

  private static List<RecordResult> commit(
      LedgerStore store, Ledger ledger, List<NewRecord> records) {
    LedgerBatch batch = new LedgerBatch(store.treeSize());
    Ledger.Applied applied = ledger.apply(records, batch);
    batch.applied(new AppliedIndex(1, store.treeSize() + 1));
    store.commit(batch);
    applied.publish();
    return applied.results();
  }

  private static CoopState state(Ledger ledger) {
    return ledger.view().state();
  }
}
