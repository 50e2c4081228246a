package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.v1.EntryPageResponse;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Governed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers bounded by bytes, not only by count, on a real node whose ledger holds large entries
 * (proposals with 20,000-character texts): a page stays within its byte budget however many entries
 * are asked for, the auditor reads on from where a short page ends, and an auditor refuses an
 * answer too large to hold (a node trying to exhaust its memory) with a clear error.
 */
class OversizedAnswersIT {
  private static final int LARGE_ENTRIES = 130;
  private static final long PAGE_BYTES = 2L * 1024 * 1024;

  @TempDir static Path dir;
  private static DemoCoopNode demo;

  @TempDir Path trustDir;
  private LyingProxy proxy;

  @BeforeAll
  static void startNodeWithLargeEntries() throws Exception {
    demo = DemoCoopNode.start(dir, "Verbose", 1000);
    demo.submit(demo.coop.genesis());
    String text = "a long proposal text ".repeat(950);
    for (int i = 0; i < LARGE_ENTRIES; i++) {
      demo.submit(
          demo.coop.sign("alice", new CreateProposal("long " + i, text, new Governed.Decision())));
    }
    demo.awaitCheckpointCovering(LARGE_ENTRIES + 1);
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
  void aPageOfLargeEntriesStopsAtItsByteBudgetAndSaysWhereTheNextStarts() {
    EntryPageResponse page = demo.client.entries(0, 1000);

    int served = page.entries().size();
    long recordBytes = 0;
    for (EntryResponse entry : page.entries()) {
      recordBytes += entry.leafBytes().length;
    }
    assertThat(served).isGreaterThan(1).isLessThan(LARGE_ENTRIES + 1);
    assertThat(recordBytes).isLessThanOrEqualTo(PAGE_BYTES);
    assertThat(page.next()).isEqualTo(served);
    assertThat(demo.client.entries(served, 1000).entries().get(0).index()).isEqualTo(served);
  }

  @Test
  void theAuditReadsShortPagesToTheEnd() {
    CoopRunner.Result result = audit();

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
    assertThat(result.out() + result.err())
        .contains("replayed " + (LARGE_ENTRIES + 1) + " entries");
  }

  @Test
  void anAnswerTooLargeToHoldIsRefusedWithAClearError() {
    byte[] padding = new byte[NodeClient.MAX_RESPONSE_BYTES + 1];
    Arrays.fill(padding, (byte) ' ');
    proxy.lie(
        path -> path.startsWith("/v1/entries?"),
        answer -> {
          // Still a valid page, padded with whitespace: only its size is a lie.
          byte[] body = answer.body();
          byte[] padded = Arrays.copyOf(body, body.length + padding.length);
          System.arraycopy(padding, 0, padded, body.length, padding.length);
          return answer.withBody(padded);
        });

    CoopRunner.Result result = audit();

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(result.err()).contains("answers are refused above 64 MiB", "/v1/entries?start=0");
  }

  private CoopRunner.Result audit() {
    return CoopRunner.plain()
        .run(
            "audit",
            "--node",
            proxy.url(),
            "--page-size",
            "1000",
            "--trust-dir",
            trustDir.toString());
  }
}
