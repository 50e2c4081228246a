package org.coopledger.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.Receipt;
import org.coopledger.governance.checkpoint.SignedReceipt;

/**
 * The signed receipts of the entries this person submitted, one JSON file per receipt under {@code
 * receipts/<ledger>/}: the receipt note as the node signed it, the key that verified it and the id
 * of the entry it acknowledges. They are evidence: a node that drops, moves or re-dates an
 * acknowledged entry is caught by {@code coop audit --mine}, and the receipt proves it to anyone.
 * Rejected entries get no receipt and are not kept.
 */
public final class ReceiptJournal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  ReceiptJournal(Path dir) {
    this.dir = dir;
  }

  /** A verified receipt and what it acknowledges. */
  public record Kept(Receipt receipt, String text, String verifierKey, String entryId, Path file) {}

  /** Keeps a receipt that was verified with {@code verifierKey}. */
  public Path keep(SignedReceipt receipt, String verifierKey, String entryId) {
    Receipt r = receipt.receipt();
    Path file =
        dir.resolve(TrustStore.fileKey(r.origin()))
            .resolve(
                String.format("%012d", r.index())
                    + "-"
                    + r.leafHash().hex().substring(0, 16)
                    + ".json");
    ObjectNode json = JSON.createObjectNode();
    json.put("origin", r.origin());
    json.put("index", r.index());
    json.put("entryId", entryId);
    json.put("verifierKey", verifierKey);
    json.put("receipt", receipt.text());
    try {
      TrustStore.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Every receipt kept for {@code origin}, by index, each re-verified with the key it was verified
   * with when it was kept.
   */
  public List<Kept> of(String origin) {
    Path ledgerDir = dir.resolve(TrustStore.fileKey(origin));
    if (!Files.isDirectory(ledgerDir)) {
      return List.of();
    }
    List<Kept> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(ledgerDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparingLong(k -> k.receipt().index()));
    return out;
  }

  /** Every receipt kept, of every ledger. */
  public List<Kept> all() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Kept> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Kept read(Path file) {
    try {
      JsonNode json = JSON.readTree(file.toFile());
      String text = json.path("receipt").asText();
      String key = json.path("verifierKey").asText();
      Receipt receipt = SignedReceipt.verify(text, NoteVerifier.parse(key)).receipt();
      return new Kept(receipt, text, key, json.path("entryId").asText(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the receipt " + file, e);
    }
  }
}
