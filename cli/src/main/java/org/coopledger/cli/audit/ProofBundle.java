package org.coopledger.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.coopledger.cli.entry.EntryViews;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InclusionProof;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * An offline proof that one entry is in a co-op's ledger: the ledger record (the leaf's exact
 * bytes), its inclusion proof, and the signed checkpoint the proof leads to. Anyone holding the
 * node's checkpoint key can check it without contacting any node.
 *
 * @param verifierKey the key the node claimed when the bundle was made: a hint, not a trust anchor
 */
public record ProofBundle(
    String origin,
    String verifierKey,
    String checkpoint,
    long index,
    long treeSize,
    byte[] leaf,
    List<Hash> path) {
  public static final String FORMAT = "coopledger.inclusion-proof.v1";

  public ProofBundle {
    leaf = leaf.clone();
    path = List.copyOf(path);
  }

  @Override
  public byte[] leaf() {
    return leaf.clone();
  }

  /** What a verified bundle proves. */
  public record Verified(Checkpoint checkpoint, DecodedEntry entry, long acceptedAtMillis) {}

  /**
   * Checks the bundle against {@code trusted}: the checkpoint's signature and origin, then the
   * entry's inclusion under the checkpoint's root.
   *
   * @throws VerificationException naming the check that failed
   */
  public Verified verify(NoteVerifier trusted) {
    Checkpoint signed;
    try {
      signed =
          SignedCheckpoint.verify(checkpoint.getBytes(StandardCharsets.UTF_8), trusted)
              .checkpoint();
    } catch (VerificationException e) {
      throw new VerificationException(
          "CHECKPOINT_SIGNATURE",
          "the bundle's checkpoint is not signed by " + trusted.vkey() + ": " + e.getMessage(),
          e);
    }
    if (!signed.origin().equals(origin) || signed.size() != treeSize) {
      throw new VerificationException(
          "BUNDLE_MISMATCH",
          "the bundle claims ledger "
              + origin
              + " at size "
              + treeSize
              + " but its checkpoint is"
              + " for "
              + signed.origin()
              + " at size "
              + signed.size());
    }
    try {
      new InclusionProof(index, treeSize, path)
          .verify(TreeHasher.leafHash(leaf), Hash.of(signed.rootHash()));
    } catch (VerificationException e) {
      throw new VerificationException(
          "NOT_INCLUDED",
          "entry #" + index + " in the bundle is not in the checkpointed ledger: " + e.getMessage(),
          e);
    }
    try {
      AcceptedEntry record = AcceptedEntry.fromBytes(leaf);
      return new Verified(
          signed, EntryCodec.decode(record.signedEntry()), record.acceptedAtMillis());
    } catch (CoopException e) {
      throw new VerificationException(
          "ENTRY_MALFORMED", "the proven leaf is not a ledger record: " + e.getMessage(), e);
    }
  }

  public void write(Path file) {
    ObjectNode json = Json.object();
    json.put("format", FORMAT);
    json.put("origin", origin);
    json.put("verifierKey", verifierKey);
    json.put("index", index);
    json.put("treeSize", treeSize);
    try {
      AcceptedEntry record = AcceptedEntry.fromBytes(leaf);
      DecodedEntry entry = EntryCodec.decode(record.signedEntry());
      json.put("entryId", entry.id().hex());
      json.put("summary", EntryViews.describe(entry.entry()));
    } catch (CoopException e) {
      json.put("summary", "(not a decodable entry: " + e.getMessage() + ")");
    }
    json.put("leaf", Base64.getEncoder().encodeToString(leaf));
    var hashes = json.putArray("inclusionProof");
    path.forEach(h -> hashes.add(h.base64()));
    json.put("checkpoint", checkpoint);
    try {
      Files.writeString(file, Json.MAPPER.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a bundle file; nothing in it is trusted until {@link #verify}.
   *
   * @throws IllegalArgumentException if the file is not a proof bundle
   */
  public static ProofBundle read(Path file) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not a proof bundle (not JSON)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (json == null || !FORMAT.equals(json.path("format").asText())) {
      throw new IllegalArgumentException(
          file + " is not a proof bundle (no \"format\": \"" + FORMAT + "\")");
    }
    try {
      List<Hash> path = new ArrayList<>();
      for (JsonNode h : json.path("inclusionProof")) {
        path.add(Hash.fromBase64(h.asText()));
      }
      return new ProofBundle(
          json.path("origin").asText(),
          json.path("verifierKey").asText(),
          json.path("checkpoint").asText(),
          json.path("index").asLong(),
          json.path("treeSize").asLong(),
          Base64.getDecoder().decode(json.path("leaf").asText()),
          path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is a damaged proof bundle: " + e.getMessage(), e);
    }
  }
}
