package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code 201} of {@code POST /v1/entries}: where the entry is and the node's signed receipt note
 * ({@code coopledger/receipt/v1}) promising it.
 *
 * @param index the record's index
 * @param leafHash its Merkle leaf hash, base64
 * @param treeSize the tree size right after it
 * @param entryId the entry's id (hex)
 * @param receipt the signed receipt note
 * @param duplicate the ledger already held exactly this signed entry (an earlier submission of the
 *     same bytes): the fields are that record's, and this submission changed nothing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReceiptResponse(
    long index,
    String leafHash,
    long treeSize,
    String entryId,
    String receipt,
    boolean duplicate) {}
