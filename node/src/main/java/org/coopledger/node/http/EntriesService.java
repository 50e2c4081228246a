package org.coopledger.node.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.coopledger.api.error.ApiError;
import org.coopledger.api.v1.EntryPageResponse;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.api.v1.ReceiptResponse;
import org.coopledger.node.ledger.LedgerReader;
import org.coopledger.node.write.Submitter;

/** {@code /v1/entries}: submit a signed entry (protobuf or JSON), list entries, read one entry. */
final class EntriesService implements HttpService {
  /**
   * The most record bytes one listing carries (the JSON is about four times that: the record and
   * the entry body in base64, and the decoded entry). A page of 1,000 entries of 256 KiB would
   * otherwise be a gigabyte; a shorter page just means the client asks again from where it ends.
   */
  static final long MAX_PAGE_BYTES = 2L * 1024 * 1024;

  private final LedgerReader ledger;
  private final Submitter submitter;
  private final Function<Submitter.Receipt, String> receipts;
  private final int maxBodyBytes;
  private final int maxPageSize;

  EntriesService(
      LedgerReader ledger,
      Submitter submitter,
      Function<Submitter.Receipt, String> receipts,
      int maxBodyBytes,
      int maxPageSize) {
    this.ledger = ledger;
    this.submitter = submitter;
    this.receipts = receipts;
    this.maxBodyBytes = maxBodyBytes;
    this.maxPageSize = maxPageSize;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/", this::submit).get("/", this::list).get("/{index}", this::one);
  }

  private void submit(ServerRequest request, ServerResponse response) {
    String type = RequestBodies.mediaType(request);
    byte[] body = RequestBodies.read(request, maxBodyBytes, "a signed entry");
    byte[] signedEntry =
        switch (type) {
          case "application/x-protobuf", "application/protobuf" -> body;
          case "application/json" -> Json.read(body, SubmittedEntry.class).toProtobuf();
          default -> throw RequestBodies.unsupported(type, "the signed entry");
        };
    Submitter.Receipt receipt = submitter.submit(signedEntry);
    response.header("Location", "/v1/entries/" + receipt.index());
    response.status(Status.CREATED_201).send(receiptView(receipt, receipts.apply(receipt)));
  }

  /**
   * The JSON of a receipt: in a 201 body, and per accepted entry of a batch, with the node's signed
   * receipt note ({@code coopledger/receipt/v1}).
   */
  static ReceiptResponse receiptView(Submitter.Receipt receipt, String signedReceipt) {
    return new ReceiptResponse(
        receipt.index(),
        receipt.leafHash().base64(),
        receipt.treeSize(),
        receipt.entryId(),
        signedReceipt,
        receipt.duplicate());
  }

  private void list(ServerRequest request, ServerResponse response) {
    long start = Params.query(request, "start", 0);
    long limit = Params.query(request, "limit", Math.min(100, maxPageSize));
    if (limit < 1 || limit > maxPageSize) {
      throw new ApiException(
          ApiError.BAD_PARAMETER,
          "'limit' must be between 1 and " + maxPageSize + ", got " + limit);
    }
    long size = ledger.view().treeSize();
    List<EntryResponse> entries = new ArrayList<>();
    long index = start;
    for (byte[] leaf : ledger.records(start, (int) limit, MAX_PAGE_BYTES)) {
      entries.add(EntryView.of(index++, leaf));
    }
    // Where the next page starts: fewer entries than asked for may come back (byte limit).
    response.send(new EntryPageResponse(start, size, index, entries));
  }

  private void one(ServerRequest request, ServerResponse response) {
    long index = Params.path(request, "index");
    byte[] leaf =
        ledger
            .record(index)
            .orElseThrow(
                () ->
                    new ApiException(
                        ApiError.ENTRY_NOT_FOUND,
                        "there is no entry "
                            + index
                            + "; the ledger holds "
                            + ledger.view().treeSize()));
    response.send(EntryView.of(index, leaf));
  }
}
