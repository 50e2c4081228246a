package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code GET /v1/entries?start=&limit=}: a page of records. Pages are bounded in records and in
 * bytes, so fewer records than asked for may come back; {@code next} says where the next page
 * starts.
 *
 * @param start the index of the first record
 * @param treeSize the number of records when the page was read
 * @param next the index to ask for next
 * @param entries the records, in index order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntryPageResponse(long start, long treeSize, long next, List<EntryResponse> entries) {
  public EntryPageResponse {
    entries = List.copyOf(entries);
  }
}
