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
import java.util.Map;
import java.util.TreeMap;
import org.coopledger.cli.entry.EntryViews;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InclusionProof;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * An offline proof that one entry is in a co-op's ledger: the ledger record (the leaf's exact
 * bytes), its inclusion proof, the signed checkpoint the proof leads to, and the public keys of the
 * entry's signers. Anyone holding the node's checkpoint key can check it without contacting any
 * node: the checkpoint's signature, the entry's inclusion, and the entry's own member signatures.
 *
 * @param verifierKey the key the node claimed when the bundle was made: a hint, not a trust anchor
 * @param signerKeys the signers' public keys (base64) by key id (hex); a key id is the hash of its
 *     key, so these need no trust either
 */
public record ProofBundle(
    String origin,
    String verifierKey,
    String checkpoint,
    long index,
    long treeSize,
    byte[] leaf,
    List<Hash> path,
    Map<String, String> signerKeys) {
  public static final String FORMAT = "coopledger.inclusion-proof.v1";

  /** A signer's key is not in the bundle, or is not the key its id names. */
  public static final String SIGNER_KEY_MISSING = "SIGNER_KEY_MISSING";

  /** A member signature on the proven entry does not verify, or the author did not sign. */
  public static final String ENTRY_SIGNATURE = "ENTRY_SIGNATURE";

  public ProofBundle {
    leaf = leaf.clone();
    path = List.copyOf(path);
    signerKeys = Map.copyOf(new TreeMap<>(signerKeys));
  }

  @Override
  public byte[] leaf() {
    return leaf.clone();
  }

  /**
   * What a verified bundle proves: the checkpoint and the entry in it, its accepted time (as the
   * node recorded it and signed into the checkpoint), and the keys whose signatures on the entry
   * verified. Whether those keys were members allowed to sign it then is the node's claim: only a
   * replay of the ledger ({@code coop audit}) checks it.
   */
  public record Verified(
      Checkpoint checkpoint, DecodedEntry entry, long acceptedAtMillis, List<KeyId> signers) {
    public Verified {
      signers = List.copyOf(signers);
    }
  }

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
    AcceptedEntry record;
    DecodedEntry entry;
    try {
      record = AcceptedEntry.fromBytes(leaf);
      entry = EntryCodec.decode(record.signedEntry());
    } catch (CoopException e) {
      throw new VerificationException(
          "ENTRY_MALFORMED", "the proven leaf is not a ledger record: " + e.getMessage(), e);
    }
    return new Verified(signed, entry, record.acceptedAtMillis(), verifySignatures(entry));
  }

  /** Every member signature on the entry, with the keys in the bundle; the author's among them. */
  private List<KeyId> verifySignatures(DecodedEntry entry) {
    List<KeyId> signers = new ArrayList<>();
    for (EntrySignature signature : entry.signatures()) {
      KeyId id = signature.keyId();
      String base64 = signerKeys.get(id.hex());
      if (base64 == null) {
        throw new VerificationException(
            SIGNER_KEY_MISSING,
            "the bundle has no public key for signer "
                + id
                + " of entry #"
                + index
                + " (make the bundle again with `coop proof`)");
      }
      PublicKey key;
      try {
        key = PublicKey.fromBase64(base64);
      } catch (IllegalArgumentException e) {
        throw new VerificationException(
            SIGNER_KEY_MISSING, "the bundle's key for signer " + id + " is not a key", e);
      }
      if (!key.id().equals(id)) {
        throw new VerificationException(
            SIGNER_KEY_MISSING,
            "the bundle's key for signer " + id + " is another key (" + key.id() + ")");
      }
      try {
        key.verify(entry.signingBytes(), signature.signature());
      } catch (VerificationException e) {
        throw new VerificationException(
            ENTRY_SIGNATURE,
            "the signature by "
                + id
                + " on entry #"
                + index
                + " does not verify: the entry is not what its signer signed",
            e);
      }
      signers.add(id);
    }
    if (!signers.contains(entry.entry().author())) {
      throw new VerificationException(
          ENTRY_SIGNATURE,
          "entry #"
              + index
              + " names "
              + entry.entry().author()
              + " as author, who did not sign it");
    }
    return signers;
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
    var keys = json.putObject("signerKeys");
    signerKeys.forEach(keys::put);
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
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a bundle's text ({@code where} names it in messages); nothing in it is trusted until
   * {@link #verify}.
   *
   * @throws IllegalArgumentException if the text is not a proof bundle
   */
  public static ProofBundle parse(String text, String where) {
    Path file = Path.of(where);
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not a proof bundle (not JSON)");
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
      Map<String, String> keys = new TreeMap<>();
      json.path("signerKeys")
          .properties()
          .forEach(e -> keys.put(e.getKey(), e.getValue().asText()));
      return new ProofBundle(
          json.path("origin").asText(),
          json.path("verifierKey").asText(),
          json.path("checkpoint").asText(),
          json.path("index").asLong(),
          json.path("treeSize").asLong(),
          Base64.getDecoder().decode(json.path("leaf").asText()),
          path,
          keys);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is a damaged proof bundle: " + e.getMessage(), e);
    }
  }
}
