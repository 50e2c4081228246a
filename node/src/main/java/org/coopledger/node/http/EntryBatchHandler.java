package org.coopledger.node.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.coopledger.api.error.ApiError;
import org.coopledger.api.v1.BatchItemResponse;
import org.coopledger.api.v1.BatchResponse;
import org.coopledger.api.v1.ErrorResponse;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.proto.SignedEntryBatch;
import org.coopledger.node.write.Submitter;

/**
 * {@code POST /v1/entries:batch}: up to {@code maxEntries} signed entries in one request (a {@code
 * SignedEntryBatch} as protobuf, or {@code {"entries": [SignedEntry...]}} as JSON). Answers 200
 * with one result per entry, in request order, once every accepted entry is durable: the entry's
 * receipt with {@code "status": 201}, or its error with the status a single submission would have
 * got. A bad entry refuses only itself; the entries reach the ledger in request order.
 */
final class EntryBatchHandler implements Handler {
  private final Submitter submitter;
  private final Function<Submitter.Receipt, String> receipts;
  private final int maxEntries;
  private final int maxBodyBytes;

  EntryBatchHandler(
      Submitter submitter,
      Function<Submitter.Receipt, String> receipts,
      int maxEntries,
      int maxBodyBytes) {
    this.submitter = submitter;
    this.receipts = receipts;
    this.maxEntries = maxEntries;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The JSON request. */
  record SubmittedBatch(List<SubmittedEntry> entries) {
    @JsonCreator
    SubmittedBatch(@JsonProperty(value = "entries", required = true) List<SubmittedEntry> entries) {
      this.entries = entries == null ? List.of() : entries;
    }
  }

  @Override
  public void handle(ServerRequest request, ServerResponse response) {
    String type = RequestBodies.mediaType(request);
    byte[] body = RequestBodies.read(request, maxBodyBytes, "a batch of signed entries");
    List<Object> parsed =
        switch (type) {
          case "application/x-protobuf", "application/protobuf" -> fromProtobuf(body);
          case "application/json" -> fromJson(Json.read(body, SubmittedBatch.class));
          default -> throw RequestBodies.unsupported(type, "the batch");
        };
    List<byte[]> good = new ArrayList<>(parsed.size());
    for (Object entry : parsed) {
      if (entry instanceof byte[] bytes) {
        good.add(bytes);
      }
    }
    List<Submitter.Outcome> outcomes = good.isEmpty() ? List.of() : submitter.submitAll(good);
    List<BatchItemResponse> results = new ArrayList<>(parsed.size());
    int next = 0;
    int accepted = 0;
    for (Object entry : parsed) {
      Submitter.Outcome outcome =
          entry instanceof byte[]
              ? outcomes.get(next++)
              : new Submitter.Refused((CoopException) entry);
      if (outcome instanceof Submitter.Receipt) {
        accepted++;
      }
      results.add(view(outcome));
    }
    response.send(new BatchResponse(accepted, results.size() - accepted, results));
  }

  private List<Object> fromProtobuf(byte[] body) {
    SignedEntryBatch batch;
    try {
      batch = SignedEntryBatch.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new ApiException(
          ApiError.MALFORMED_BATCH, "the body is not a SignedEntryBatch: " + e.getMessage());
    }
    requireCount(batch.getEntriesCount());
    List<Object> entries = new ArrayList<>(batch.getEntriesCount());
    for (ByteString entry : batch.getEntriesList()) {
      entries.add(entry.toByteArray());
    }
    return entries;
  }

  private List<Object> fromJson(SubmittedBatch batch) {
    requireCount(batch.entries().size());
    List<Object> entries = new ArrayList<>(batch.entries().size());
    for (int i = 0; i < batch.entries().size(); i++) {
      SubmittedEntry entry = batch.entries().get(i);
      try {
        if (entry == null) {
          throw new ApiException(ApiError.BAD_JSON, "entries[" + i + "] is null");
        }
        entries.add(entry.toProtobuf());
      } catch (ApiException e) {
        entries.add(e);
      }
    }
    return entries;
  }

  private void requireCount(int count) {
    if (count == 0) {
      throw new ApiException(ApiError.EMPTY_BATCH, "the batch has no entries");
    }
    if (count > maxEntries) {
      throw new ApiException(
          ApiError.TOO_MANY_ENTRIES,
          "the batch has "
              + count
              + " entries; the limit is "
              + maxEntries
              + " per request: split it");
    }
  }

  private BatchItemResponse view(Submitter.Outcome outcome) {
    return switch (outcome) {
      case Submitter.Receipt receipt ->
          BatchItemResponse.accepted(EntriesService.receiptView(receipt, receipts.apply(receipt)));
      case Submitter.Refused refused ->
          BatchItemResponse.refused(
              ErrorMapping.statusOf(refused.error()),
              new ErrorResponse(refused.error().code(), refused.error().getMessage()));
    };
  }
}
