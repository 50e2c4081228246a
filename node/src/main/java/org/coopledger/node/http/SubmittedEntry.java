package org.coopledger.node.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.ByteString;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.coopledger.api.error.ApiError;
import org.coopledger.governance.proto.Signature;
import org.coopledger.governance.proto.SignatureAlgorithm;
import org.coopledger.governance.proto.SignedEntry;

/**
 * The JSON form of a {@code SignedEntry}: {@code {"body": base64, "signatures": [{"keyId",
 * "algorithm", "signature"}]}}. Converted to exactly the protobuf bytes a client would have sent.
 */
record SubmittedEntry(String body, List<JsonSignature> signatures) {
  @JsonCreator
  SubmittedEntry(
      @JsonProperty(value = "body", required = true) String body,
      @JsonProperty("signatures") List<JsonSignature> signatures) {
    this.body = body;
    this.signatures = signatures == null ? List.of() : List.copyOf(signatures);
  }

  record JsonSignature(String keyId, String algorithm, String signature) {
    @JsonCreator
    JsonSignature(
        @JsonProperty(value = "keyId", required = true) String keyId,
        @JsonProperty(value = "algorithm", required = true) String algorithm,
        @JsonProperty(value = "signature", required = true) String signature) {
      this.keyId = keyId;
      this.algorithm = algorithm;
      this.signature = signature;
    }
  }

  /** The protobuf bytes of this entry. */
  byte[] toProtobuf() {
    SignedEntry.Builder entry =
        SignedEntry.newBuilder().setBody(ByteString.copyFrom(base64("body", body)));
    for (int i = 0; i < signatures.size(); i++) {
      JsonSignature s = signatures.get(i);
      if (s == null) {
        throw new ApiException(ApiError.BAD_JSON, "signatures[" + i + "] is null");
      }
      entry.addSignatures(
          Signature.newBuilder()
              .setKeyId(s.keyId() == null ? "" : s.keyId())
              .setAlgorithm(algorithm(i, s.algorithm()))
              .setSignature(
                  ByteString.copyFrom(base64("signatures[" + i + "].signature", s.signature()))));
    }
    return entry.build().toByteArray();
  }

  private static SignatureAlgorithm algorithm(int i, String name) {
    if (name != null && name.toUpperCase(Locale.ROOT).equals("ED25519")) {
      return SignatureAlgorithm.ED25519;
    }
    throw new ApiException(
        ApiError.UNSUPPORTED_ALGORITHM,
        "signatures[" + i + "].algorithm is '" + name + "'; the supported algorithm is ED25519");
  }

  private static byte[] base64(String field, String text) {
    if (text == null) {
      throw new ApiException(ApiError.BAD_JSON, "'" + field + "' is missing");
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          ApiError.BAD_BASE64, "'" + field + "' is not base64: " + e.getMessage());
    }
  }
}
