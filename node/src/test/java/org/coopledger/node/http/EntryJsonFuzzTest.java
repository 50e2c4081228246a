package org.coopledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.error.CoopException;

/**
 * Fuzzes the JSON bodies of {@code POST /v1/entries} and {@code POST /v1/entries:batch} as the node
 * decodes them, before anything is replicated: the same {@link Json} mapper, {@link SubmittedEntry}
 * and {@link EntryBatchHandler.SubmittedBatch} the handlers use, then the entry codec. Any body
 * either decodes or is refused with a coded error whose HTTP status is a 4xx; nothing else may
 * escape (it would be a 500).
 */
class EntryJsonFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodesOrRefusesWithAClientError(byte[] body) {
    try {
      entry(Json.read(body, SubmittedEntry.class));
    } catch (CoopException e) {
      assertClientError(e);
    }
    try {
      EntryBatchHandler.SubmittedBatch batch =
          Json.read(body, EntryBatchHandler.SubmittedBatch.class);
      for (SubmittedEntry entry : batch.entries()) {
        try {
          if (entry == null) {
            continue;
          }
          entry(entry);
        } catch (CoopException e) {
          assertClientError(e);
        }
      }
    } catch (CoopException e) {
      assertClientError(e);
    }
  }

  private static void entry(SubmittedEntry entry) {
    EntryCodec.decode(entry.toProtobuf());
  }

  private static void assertClientError(CoopException e) {
    assertThat(e.code()).isNotBlank();
    assertThat(ErrorMapping.statusOf(e)).as(e.code() + ": " + e.getMessage()).isBetween(400, 499);
  }
}
