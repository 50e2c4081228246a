package org.coopledger.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  static Map<String, Object> of(long index, byte[] leaf) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("index", index);
    view.put("leafHash", TreeHasher.leafHash(leaf).base64());
    view.put("leaf", Base64.getEncoder().encodeToString(leaf));
    try {
      LedgerRecord record = LedgerRecord.parseFrom(leaf);
      SignedEntry signed = SignedEntry.parseFrom(record.getSignedEntry());
      byte[] body = signed.getBody().toByteArray();
      view.put("acceptedAtMillis", record.getAcceptedAtMillis());
      view.put("entryId", DecodedEntry.idOf(body).hex());
      view.put("body", Base64.getEncoder().encodeToString(body));
      List<Map<String, String>> signatures = new ArrayList<>();
      for (Signature s : signed.getSignaturesList()) {
        Map<String, String> signature = new LinkedHashMap<>();
        signature.put("keyId", s.getKeyId());
        signature.put("algorithm", s.getAlgorithm().name());
        signature.put(
            "signature", Base64.getEncoder().encodeToString(s.getSignature().toByteArray()));
        signatures.add(signature);
      }
      view.put("signatures", signatures);
      view.put("entry", decoded(EntryBody.parseFrom(body)));
    } catch (InvalidProtocolBufferException e) {
      // Only accepted records are stored, so this means a damaged store; show what we can.
      view.put("decodeError", e.getMessage());
    }
    return view;
  }

  private static JsonNode decoded(EntryBody body) {
    try {
      return Json.MAPPER.readTree(PRINTER.print(body));
    } catch (IOException e) {
      throw new IllegalStateException("printing an entry body as JSON failed", e);
    }
  }
}
