package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code GET /v1/proofs/inclusion}: the audit path of record {@code index} in the tree of {@code
 * treeSize} records (RFC 6962), all hashes base64.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InclusionProofResponse(
    long index, long treeSize, String leafHash, List<String> hashes, String rootHash) {
  public InclusionProofResponse {
    hashes = List.copyOf(hashes);
  }
}
