package org.coopledger.api.error;

import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * The error codes the node's HTTP layer gives itself (the governance engine's are {@code
 * RejectionCode}s), each with its category and so its HTTP status. Stable: clients may rely on
 * them.
 */
public enum ApiError implements ErrorCode {
  /** The body could not be read. */
  BAD_BODY(ErrorCategory.CLIENT_MISTAKE),
  /** The body is not the JSON the endpoint reads. */
  BAD_JSON(ErrorCategory.CLIENT_MISTAKE),
  /** A JSON body has a field the endpoint does not know. */
  UNKNOWN_FIELD(ErrorCategory.CLIENT_MISTAKE),
  /** A base64 field is not base64. */
  BAD_BASE64(ErrorCategory.CLIENT_MISTAKE),
  /** A signature names an algorithm other than Ed25519. */
  UNSUPPORTED_ALGORITHM(ErrorCategory.CLIENT_MISTAKE),
  /** A path or query parameter is missing, not a number, or out of range. */
  BAD_PARAMETER(ErrorCategory.CLIENT_MISTAKE),
  /** The request has no body. */
  EMPTY_BODY(ErrorCategory.CLIENT_MISTAKE),
  /** A batch with no entries. */
  EMPTY_BATCH(ErrorCategory.CLIENT_MISTAKE),
  /** The body is not a SignedEntryBatch. */
  MALFORMED_BATCH(ErrorCategory.CLIENT_MISTAKE),
  /** The body is larger than the node accepts. */
  BODY_TOO_LARGE(ErrorCategory.TOO_LARGE),
  /** A batch with more entries than the node takes at once. */
  TOO_MANY_ENTRIES(ErrorCategory.TOO_LARGE),
  /** Neither application/x-protobuf nor application/json. */
  UNSUPPORTED_MEDIA_TYPE(ErrorCategory.UNSUPPORTED_MEDIA_TYPE),
  /** No entry at that index. */
  ENTRY_NOT_FOUND(ErrorCategory.NOT_FOUND),
  /** No checkpoint at that tree size. */
  CHECKPOINT_NOT_FOUND(ErrorCategory.NOT_FOUND),
  /** No proposal with that id. */
  PROPOSAL_NOT_FOUND(ErrorCategory.NOT_FOUND),
  /** No member, pool or guest with that id or name (reports). */
  ACCOUNT_NOT_FOUND(ErrorCategory.NOT_FOUND),
  /** The ledger has no genesis entry yet, so there is nothing of that kind. */
  NOT_FOUNDED(ErrorCategory.NOT_FOUND),
  /** No route with that method and path under /v1. */
  NO_SUCH_ROUTE(ErrorCategory.NOT_FOUND);

  private final ErrorCategory category;

  ApiError(ErrorCategory category) {
    this.category = category;
  }

  @Override
  public ErrorCategory category() {
    return category;
  }
}
