package org.coopledger.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.proto.LedgerRecord;
import org.coopledger.governance.proto.Signature;
import org.coopledger.governance.proto.SignedEntry;

/**
 * The JSON view of one stored record: the leaf bytes (base64 of exactly what the leaf hash commits
 * to), the leaf hash, and a decoded view of the entry for people. Auditors should check the leaf
 * bytes, not the decoded view.
 */
final class EntryView {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private EntryView() {}

  static EntryResponse of(long index, byte[] leaf) {
    String leafHash = TreeHasher.leafHash(leaf).base64();
    String leafBase64 = Base64.getEncoder().encodeToString(leaf);
    try {
      LedgerRecord record = LedgerRecord.parseFrom(leaf);
      SignedEntry signed = SignedEntry.parseFrom(record.getSignedEntry());
      byte[] body = signed.getBody().toByteArray();
      List<EntryResponse.Signature> signatures = new ArrayList<>();
      for (Signature s : signed.getSignaturesList()) {
        signatures.add(
            new EntryResponse.Signature(
                s.getKeyId(),
                s.getAlgorithm().name(),
                Base64.getEncoder().encodeToString(s.getSignature().toByteArray())));
      }
      return EntryResponse.decoded(
          index,
          leafHash,
          leafBase64,
          record.getAcceptedAtMillis(),
          DecodedEntry.idOf(body).hex(),
          Base64.getEncoder().encodeToString(body),
          signatures,
          decoded(EntryBody.parseFrom(body)));
    } catch (InvalidProtocolBufferException e) {
      // Only accepted records are stored, so this means a damaged store; show what we can.
      return EntryResponse.undecodable(index, leafHash, leafBase64, e.getMessage());
    }
  }

  private static JsonNode decoded(EntryBody body) {
    try {
      return Json.MAPPER.readTree(PRINTER.print(body));
    } catch (IOException e) {
      throw new IllegalStateException("printing an entry body as JSON failed", e);
    }
  }
}
