package org.coopledger.node.http;

import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.write.Submitter;

/** {@code /v1/entries}: submit a signed entry (protobuf or JSON), list entries, read one entry. */
final class EntriesService implements HttpService {
  private final LedgerReader ledger;
  private final Submitter submitter;
  private final int maxBodyBytes;
  private final int maxPageSize;

  EntriesService(LedgerReader ledger, Submitter submitter, int maxBodyBytes, int maxPageSize) {
    this.ledger = ledger;
    this.submitter = submitter;
    this.maxBodyBytes = maxBodyBytes;
    this.maxPageSize = maxPageSize;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/", this::submit).get("/", this::list).get("/{index}", this::one);
  }

  private void submit(ServerRequest request, ServerResponse response) {
    String type =
        request.headers().contentType().map(HttpMediaType::mediaType).map(m -> m.text()).orElse("");
    byte[] body = body(request);
    byte[] signedEntry =
        switch (type) {
          case "application/x-protobuf", "application/protobuf" -> body;
          case "application/json" -> Json.read(body, SubmittedEntry.class).toProtobuf();
          default ->
              throw new ApiException(
                  415,
                  "UNSUPPORTED_MEDIA_TYPE",
                  "send the signed entry as application/x-protobuf or application/json, not '"
                      + type
                      + "'");
        };
    Submitter.Receipt receipt = submitter.submit(signedEntry);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", receipt.index());
    out.put("leafHash", receipt.leafHash().base64());
    out.put("treeSize", receipt.treeSize());
    out.put("entryId", receipt.entryId());
    response.header("Location", "/v1/entries/" + receipt.index());
    Json.send(response, Status.CREATED_201, out);
  }

  private byte[] body(ServerRequest request) {
    long declared = request.headers().contentLength().orElse(-1);
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    try (InputStream in = request.content().inputStream()) {
      byte[] bytes = in.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw tooLarge();
      }
      if (bytes.length == 0) {
        throw ApiException.badRequest("EMPTY_BODY", "the request has no body; send a signed entry");
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.badRequest("BAD_BODY", "the request body could not be read: " + e);
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        413, "BODY_TOO_LARGE", "the request body exceeds the limit of " + maxBodyBytes + " bytes");
  }

  private void list(ServerRequest request, ServerResponse response) {
    long start = Params.query(request, "start", 0);
    long limit = Params.query(request, "limit", Math.min(100, maxPageSize));
    if (limit < 1 || limit > maxPageSize) {
      throw ApiException.badRequest(
          "BAD_PARAMETER", "'limit' must be between 1 and " + maxPageSize + ", got " + limit);
    }
    long size = ledger.view().treeSize();
    List<Object> entries = new ArrayList<>();
    long index = start;
    for (byte[] leaf : ledger.records(start, (int) limit)) {
      entries.add(EntryView.of(index++, leaf));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("start", start);
    out.put("treeSize", size);
    out.put("entries", entries);
    Json.ok(response, out);
  }

  private void one(ServerRequest request, ServerResponse response) {
    long index = Params.path(request, "index");
    byte[] leaf =
        ledger
            .record(index)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "ENTRY_NOT_FOUND",
                        "there is no entry "
                            + index
                            + "; the ledger holds "
                            + ledger.view().treeSize()));
    Json.ok(response, EntryView.of(index, leaf));
  }
}
