package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code 200} of {@code POST /v1/entries:batch}: how many entries were accepted and refused, and
 * one result per entry, in the order sent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchResponse(int accepted, int refused, List<BatchItemResponse> results) {
  public BatchResponse {
    results = List.copyOf(results);
  }
}
