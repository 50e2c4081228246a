package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /v1/entries/{index}} and each item of an {@link EntryPageResponse}: one stored record.
 * Auditors check {@code leaf} (exactly the bytes {@code leafHash} commits to), never the decoded
 * fields, which are for people. If a stored record does not decode (a damaged store), only {@code
 * index}, {@code leafHash}, {@code leaf} and {@code decodeError} are present.
 *
 * @param index the record's index
 * @param leafHash its Merkle leaf hash, base64
 * @param leaf base64 of the LedgerRecord bytes
 * @param acceptedAtMillis when the node accepted the entry
 * @param entryId the entry's id (hex SHA-256 of its body)
 * @param body base64 of the EntryBody bytes the signatures cover
 * @param signatures the entry's signatures
 * @param entry the decoded EntryBody (protobuf's JSON mapping)
 * @param decodeError why the record does not decode; null when it does
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryResponse(
    long index,
    String leafHash,
    String leaf,
    Long acceptedAtMillis,
    String entryId,
    String body,
    List<Signature> signatures,
    JsonNode entry,
    String decodeError) {
  public EntryResponse {
    signatures = signatures == null ? null : List.copyOf(signatures);
  }

  /**
   * The record's bytes: {@code leaf} decoded (empty if the node sent none, which no proof of a leaf
   * will then verify).
   *
   * @throws IllegalArgumentException if {@code leaf} is not base64
   */
  public byte[] leafBytes() {
    return leaf == null ? new byte[0] : Base64.getDecoder().decode(leaf);
  }

  /** A record that decodes. */
  public static EntryResponse decoded(
      long index,
      String leafHash,
      String leaf,
      long acceptedAtMillis,
      String entryId,
      String body,
      List<Signature> signatures,
      JsonNode entry) {
    return new EntryResponse(
        index, leafHash, leaf, acceptedAtMillis, entryId, body, signatures, entry, null);
  }

  /** A stored record that does not decode. */
  public static EntryResponse undecodable(
      long index, String leafHash, String leaf, String decodeError) {
    return new EntryResponse(index, leafHash, leaf, null, null, null, null, null, decodeError);
  }

  /**
   * One signature of the entry.
   *
   * @param keyId the id of the key that signed
   * @param algorithm the signature algorithm (ED25519)
   * @param signature base64 of the signature bytes
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Signature(String keyId, String algorithm, String signature) {}
}
