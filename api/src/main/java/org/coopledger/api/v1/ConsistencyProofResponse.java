package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code GET /v1/proofs/consistency}: the tree of {@code to} records extends the one of {@code
 * from}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsistencyProofResponse(long from, long to, List<String> hashes) {
  public ConsistencyProofResponse {
    hashes = List.copyOf(hashes);
  }
}
