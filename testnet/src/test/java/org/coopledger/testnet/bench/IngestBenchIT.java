package org.coopledger.testnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of the whole benchmark: a real node in-process, votes over real HTTP, a proof ledger
 * built with the node's store code and served by a second real node. No timing assertions: this
 * machine's speed is not under test, only that every vote is acknowledged and every proof checks.
 */
class IngestBenchIT {
  @TempDir Path proofs;

  @Test
  void acknowledgesEveryVoteAndEndsWithAResultLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        IngestBench.run(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "--entries=300",
            "--warmup=30",
            "--members=16",
            "--concurrency=8",
            "--proof-entries=700",
            "--proof-dir=" + proofs,
            "--proof-samples=40",
            "--verify-seconds=1");
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    List<String> lines = output.lines().toList();
    String result = lines.get(lines.size() - 1);
    assertThat(result)
        .startsWith("RESULT ingest_per_s=")
        .contains(" entries=300 failed=0 ")
        .contains(" proof_tree_size=700 ")
        .containsPattern(" ratio=\\d+\\.\\d{3} ")
        .containsPattern(" proof_p99_ms=\\d+\\.\\d\\d ");
  }

  @Test
  void aThreeNodeRunComparesWithOneNodeAndTimesBothWaysToCatchUp() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        IngestBench.run(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "--nodes=3",
            "--entries=300",
            "--warmup=100",
            "--batch-size=50",
            "--catch-up-entries=400",
            "--verify-seconds=1");
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    List<String> lines = output.lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .startsWith("RESULT nodes=3 ")
        .containsPattern(" network_ratio=\\d+\\.\\d{3} ")
        .containsPattern(" catchup_replay_entries=\\d{3,} ")
        .containsPattern(" catchup_install_entries=\\d+ ");
  }
}
