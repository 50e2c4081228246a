package org.coopledger.node.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.error.CoopException;
import org.coopledger.node.ledger.CheckedEntry;
import org.coopledger.node.ledger.Ledger;
import org.coopledger.node.ledger.NewRecord;
import org.coopledger.node.ledger.RecordResult;
import org.coopledger.node.store.LedgerBatch;
import org.coopledger.node.store.LedgerStore;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submitter in front of a batcher whose flush applies to a real ledger on a temporary RocksDB
 * store (no Raft): what it refuses before ordering, and what a batch of mixed entries gives.
 */
class SubmitterTest {
  @TempDir Path dir;

  private final CoopFixture coop = CoopFixture.demo();
  private final AtomicLong flushedGroups = new AtomicLong();
  private LedgerStore store;
  private Ledger ledger;
  private Batcher<CheckedEntry, RecordResult> batcher;
  private Submitter submitter;

  @BeforeEach
  void start() {
    store = LedgerStore.open(dir);
    ledger = Ledger.open(store);
    batcher =
        new Batcher<>(
            "test-commit",
            new Batcher.Limits(1000, 1 << 20, 1, 10_000, Duration.ZERO),
            CheckedEntry::size,
            n -> flushedGroups.incrementAndGet(),
            this::applyNow);
    submitter = new Submitter(coop.coopId(), ledger, batcher, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    submitter.close();
    batcher.close();
    store.close();
  }

  private CompletableFuture<List<RecordResult>> applyNow(List<CheckedEntry> entries) {
    List<NewRecord> records = new ArrayList<>();
    for (CheckedEntry entry : entries) {
      records.add(NewRecord.of(entry, CoopFixture.DEMO_START + 60_000));
    }
    LedgerBatch batch = new LedgerBatch(store.treeSize());
    Ledger.Applied applied = ledger.apply(records, batch);
    store.commit(batch);
    applied.publish();
    return CompletableFuture.completedFuture(applied.results());
  }

  @Test
  void returnsAReceiptOnceTheEntryIsApplied() {
    Submitter.Receipt receipt = submitter.submit(coop.genesis());
    assertThat(receipt.index()).isZero();
    assertThat(receipt.treeSize()).isEqualTo(1);
    assertThat(ledger.view().treeSize()).isEqualTo(1);
  }

  @Test
  void refusesMalformedForgedAndForeignEntriesBeforeOrderingThem() {
    submitter.submit(coop.genesis());
    byte[] forged = coop.propose("alice", "forged", new Governed.Decision());
    forged[forged.length - 1] ^= 1;
    CoopFixture other = new CoopFixture("other-coop", "Other", CoopFixture.DEMO_PEOPLE, 0);
    assertThat(code(() -> submitter.submit(new byte[] {1, 2, 3}))).isEqualTo("MALFORMED_ENTRY");
    assertThat(code(() -> submitter.submit(forged))).isEqualTo("BAD_SIGNATURE");
    assertThat(code(() -> submitter.submit(other.genesis()))).isEqualTo("WRONG_COOP");
    assertThat(flushedGroups.get()).as("only the genesis reached a group").isEqualTo(1);
  }

  @Test
  void aStrangersEntryNeverReachesTheRaftLog() {
    submitter.submit(coop.genesis());
    // Same co-op id, a key the co-op never admitted: junk must not fill the replicated log.
    CoopFixture stranger =
        new CoopFixture(
            coop.coopId(),
            "Demo Co-op",
            List.of(new CoopFixture.Person("mallory", List.of("creator"))),
            CoopFixture.DEMO_START);
    byte[] junk = stranger.propose("mallory", "junk", new Governed.Decision());
    assertThat(code(() -> submitter.submit(junk))).isIn("NOT_A_MEMBER", "UNKNOWN_KEY");
    assertThat(flushedGroups.get()).as("only the genesis reached a group").isEqualTo(1);
    assertThat(ledger.view().treeSize()).isEqualTo(1);
  }

  @Test
  void theSameSignedEntryAgainIsAnsweredWithItsFirstReceiptWithoutReachingRaft() {
    submitter.submit(coop.genesis());
    byte[] proposal = coop.propose("alice", "once", new Governed.Decision());
    Submitter.Receipt first = submitter.submit(proposal);
    long groups = flushedGroups.get();

    Submitter.Receipt again = submitter.submit(proposal);

    assertThat(first.duplicate()).isFalse();
    assertThat(again)
        .isEqualTo(
            new Submitter.Receipt(
                first.index(),
                first.leafHash(),
                first.treeSize(),
                first.entryId(),
                first.acceptedAtMillis(),
                true));
    assertThat(submitter.submitAll(List.of(proposal))).containsExactly(again);
    assertThat(flushedGroups.get()).as("the copies never reached a group").isEqualTo(groups);
    assertThat(ledger.view().treeSize()).isEqualTo(2);
  }

  @Test
  void anotherEntryReusingAnAcceptedNonceIsStillRefusedAsReplayed() {
    submitter.submit(coop.genesis());
    byte[] proposal = coop.propose("alice", "once", new Governed.Decision());
    submitter.submit(proposal);
    byte[] replay =
        coop.reusingNonce(proposal, new CreateProposal("twice", "", new Governed.Decision()));

    assertThat(code(() -> submitter.submit(replay))).isEqualTo("REPLAYED_NONCE");
    assertThat(ledger.view().treeSize()).isEqualTo(2);
  }

  @Test
  void aCopyOfAnEntryWhoseAuthorHasSinceRotatedTheirKeyStillGetsItsReceipt() {
    submitter.submit(coop.genesis());
    byte[] proposal = coop.propose("bob", "before the rotation", new Governed.Decision());
    Submitter.Receipt first = submitter.submit(proposal);
    submitter.submit(coop.rotateKey("bob"));

    Submitter.Receipt again = submitter.submit(proposal);

    assertThat(again.duplicate()).isTrue();
    assertThat(again.index()).isEqualTo(first.index());
    assertThat(ledger.view().treeSize()).isEqualTo(3);
  }

  @Test
  void aCommitThatNeverComesAnswersCommitTimeoutAndTheEntryIsNotAcknowledged() {
    submitter.submit(coop.genesis());
    // A flush that never completes: what a node sees when its Raft group cannot commit.
    try (Batcher<CheckedEntry, RecordResult> stuck =
            new Batcher<>(
                "stuck-commit",
                new Batcher.Limits(1000, 1 << 20, 1, 10_000, Duration.ZERO),
                CheckedEntry::size,
                n -> {},
                entries -> new CompletableFuture<>());
        Submitter waiting = new Submitter(coop.coopId(), ledger, stuck, Duration.ofMillis(200))) {
      byte[] proposal = coop.propose("alice", "never committed", new Governed.Decision());
      assertThat(code(() -> waiting.submit(proposal))).isEqualTo("COMMIT_TIMEOUT");
      assertThat(ledger.view().treeSize()).isEqualTo(1);
      // A batch waits on its own deadline, too.
      byte[] another = coop.propose("alice", "never committed either", new Governed.Decision());
      assertThat(waiting.submitAll(List.of(another)))
          .singleElement()
          .satisfies(
              outcome ->
                  assertThat(((Submitter.Refused) outcome).error().code())
                      .isEqualTo("COMMIT_TIMEOUT"));
    }
  }

  @Test
  void closingTheSubmitterAnswersAWaitingSubmissionNodeStopping() throws Exception {
    submitter.submit(coop.genesis());
    CountDownLatch flushed = new CountDownLatch(1);
    try (Batcher<CheckedEntry, RecordResult> stuck =
        new Batcher<>(
            "stuck-commit",
            new Batcher.Limits(1000, 1 << 20, 1, 10_000, Duration.ZERO),
            CheckedEntry::size,
            n -> {},
            entries -> {
              flushed.countDown();
              return new CompletableFuture<>();
            })) {
      Submitter waiting = new Submitter(coop.coopId(), ledger, stuck, Duration.ofMinutes(10));
      byte[] proposal = coop.propose("alice", "never committed", new Governed.Decision());
      CompletableFuture<String> answer =
          CompletableFuture.supplyAsync(() -> code(() -> waiting.submit(proposal)));
      assertThat(flushed.await(10, TimeUnit.SECONDS)).isTrue();
      waiting.close();
      assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("NODE_STOPPING");
    }
  }

  @Test
  void aRuleRejectionComesBackAsTheEngineCode() {
    submitter.submit(coop.genesis());
    byte[] vote = coop.vote("alice", new EntryId("ab".repeat(32)), VoteChoice.YES);
    assertThat(code(() -> submitter.submit(vote))).isEqualTo("UNKNOWN_PROPOSAL");
    assertThat(ledger.view().treeSize()).isEqualTo(1);
  }

  @Test
  void aBatchAnswersPerEntryInOrderAndABadEntryRefusesOnlyItself() {
    byte[] genesis = coop.genesis();
    byte[] proposal = coop.propose("alice", "a decision", new Governed.Decision());
    EntryId id = CoopFixture.idOf(proposal);
    byte[] forged = coop.vote("carol", id, VoteChoice.NO);
    forged[forged.length - 1] ^= 1;
    List<byte[]> batch = new ArrayList<>();
    batch.add(genesis);
    batch.add(proposal);
    batch.add(new byte[] {9});
    batch.add(coop.vote("alice", id, VoteChoice.YES));
    batch.add(forged);
    batch.add(coop.vote("bob", id, VoteChoice.NO));
    batch.add(batch.get(3));
    batch.add(coop.reusingNonce(batch.get(3), new CastVote(id, VoteChoice.NO, "")));
    for (int i = 0; i < 20; i++) {
      batch.add(coop.vote("tess", id, i % 2 == 0 ? VoteChoice.YES : VoteChoice.NO));
    }
    List<Submitter.Outcome> outcomes = submitter.submitAll(batch);
    assertThat(outcomes).hasSize(batch.size());
    assertThat(outcomes.subList(0, 8))
        .extracting(SubmitterTest::describe)
        .containsExactly(
            "0",
            "1",
            "MALFORMED_ENTRY",
            "2",
            "BAD_SIGNATURE",
            "3",
            "duplicate of 2",
            "REPLAYED_NONCE");
    // tess's 20 votes, with increasing nonces, landed in order right after.
    assertThat(outcomes.subList(8, batch.size()))
        .extracting(SubmitterTest::describe)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(4, 24).mapToObj(Integer::toString).toList());
    assertThat(ledger.view().treeSize()).isEqualTo(24);
  }

  private static String describe(Submitter.Outcome outcome) {
    return switch (outcome) {
      case Submitter.Receipt r -> (r.duplicate() ? "duplicate of " : "") + r.index();
      case Submitter.Refused r -> r.error().code();
    };
  }

  private static String code(Runnable call) {
    try {
      call.run();
    } catch (CoopException e) {
      return e.code();
    }
    throw new AssertionError("not refused");
  }
}
