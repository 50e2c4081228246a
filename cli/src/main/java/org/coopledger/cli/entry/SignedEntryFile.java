package org.coopledger.cli.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.codec.MalformedEntryException;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.error.CoopException;

/**
 * A signed entry in a file, passed from person to person for offline multi-signing ({@code coop
 * genesis|propose ... --out FILE}, {@code coop sign FILE}, {@code coop submit FILE}).
 *
 * <p>The file is JSON. {@code body} and {@code signatures} are exactly the node's {@code POST
 * /v1/entries} format and the only fields that count; {@code entryId}, {@code summary} and {@code
 * signedBy} are there for the people passing it around and are recomputed on every read, never
 * trusted.
 */
public final class SignedEntryFile {
  public static final String FORMAT = "coopledger.signed-entry.v1";

  private SignedEntryFile() {}

  /** The node API's JSON form of a signed entry: {@code {"body", "signatures"}}. */
  public static ObjectNode apiJson(byte[] signedEntry) {
    DecodedEntry decoded = EntryCodec.decode(signedEntry);
    ObjectNode json = Json.object();
    json.put("body", Base64.getEncoder().encodeToString(decoded.body()));
    ArrayNode signatures = json.putArray("signatures");
    for (EntrySignature s : decoded.signatures()) {
      signatures
          .addObject()
          .put("keyId", s.keyId().hex())
          .put("algorithm", "ED25519")
          .put("signature", Base64.getEncoder().encodeToString(s.signature()));
    }
    return json;
  }

  /** Writes (or replaces) the file atomically. */
  public static void write(Path file, byte[] signedEntry) {
    DecodedEntry decoded = EntryCodec.decode(signedEntry);
    ObjectNode json = Json.object();
    json.put("format", FORMAT);
    json.put("entryId", decoded.id().hex());
    json.put("coopId", decoded.entry().coopId());
    json.put("summary", EntryViews.describe(decoded.entry()));
    ArrayNode signedBy = json.putArray("signedBy");
    decoded.signatures().forEach(s -> signedBy.add(s.keyId().hex()));
    json.setAll(apiJson(signedEntry));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, Json.MAPPER.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the signed entry's bytes from the file.
   *
   * @throws MalformedEntryException if the file does not hold a well-formed signed entry
   */
  public static byte[] read(Path file) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
        throw new MalformedEntryException(file + " is not a signed-entry file (not JSON)", e);
      }
      throw new UncheckedIOException(e);
    }
    if (json == null || !json.path("body").isTextual()) {
      throw new MalformedEntryException(file + " is not a signed-entry file (no \"body\")");
    }
    try {
      byte[] body = Base64.getDecoder().decode(json.get("body").asText());
      List<EntrySignature> signatures = new ArrayList<>();
      for (JsonNode s : json.path("signatures")) {
        signatures.add(
            new EntrySignature(
                KeyId.parse(s.path("keyId").asText()),
                Base64.getDecoder().decode(s.path("signature").asText())));
      }
      byte[] signed = EntryCodec.encodeSigned(body, signatures);
      EntryCodec.decode(signed);
      return signed;
    } catch (IllegalArgumentException | CoopException e) {
      throw new MalformedEntryException(
          file + " does not hold a valid signed entry: " + e.getMessage(), e);
    }
  }
}
