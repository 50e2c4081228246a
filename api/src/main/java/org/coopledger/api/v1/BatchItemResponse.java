package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry's result in {@code POST /v1/entries:batch}: {@code status} 201 with the fields of a
 * {@link ReceiptResponse} (with {@code duplicate}), or the status and {@code error}/{@code message}
 * the entry would have got alone. Absent fields are left out.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItemResponse(
    int status,
    Long index,
    String leafHash,
    Long treeSize,
    String entryId,
    String receipt,
    Boolean duplicate,
    String error,
    String message) {
  /** An accepted entry. */
  public static BatchItemResponse accepted(ReceiptResponse r) {
    return new BatchItemResponse(
        201,
        r.index(),
        r.leafHash(),
        r.treeSize(),
        r.entryId(),
        r.receipt(),
        r.duplicate(),
        null,
        null);
  }

  /** A refused entry. */
  public static BatchItemResponse refused(int status, ErrorResponse e) {
    return new BatchItemResponse(
        status, null, null, null, null, null, null, e.error(), e.message());
  }
}
