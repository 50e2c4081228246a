package org.coopledger.cli.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.error.VerificationException;

/**
 * What an auditor has seen before, like SSH's {@code known_hosts}, kept per ledger identity (its
 * origin, derived from the genesis entry) and never per URL: the node key pinned for each ledger on
 * first use ({@code known_ledgers}), the latest checkpoint verified for it ({@code checkpoints/})
 * and the signed receipts of the entries submitted to it ({@code receipts/}, see {@link
 * ReceiptJournal}). The same ledger reached through another URL keeps its pin and its last
 * checkpoint. A different key for a known ledger is a loud failure that only a person can clear
 * ({@link #acceptRotation}, {@code coop trust accept-key}).
 *
 * <p>Not thread-safe; one process at a time per directory.
 */
public final class TrustStore {
  public static final String ENV = "COOP_TRUST_DIR";
  public static final String KNOWN_LEDGERS = "known_ledgers";

  /** A pinned ledger's key differs from the one the node uses now. */
  public static final String NODE_KEY_CHANGED = "NODE_KEY_CHANGED";

  private final Path dir;

  private TrustStore(Path dir) {
    this.dir = dir;
  }

  /** The store in {@code dir}; created on first write. */
  public static TrustStore at(Path dir) {
    return new TrustStore(dir);
  }

  /** The default directory: {@code $COOP_TRUST_DIR}, else {@code ~/.coop/trust}. */
  public static Path defaultDir(Optional<String> fromEnv) {
    return fromEnv.map(Path::of).orElse(Path.of(System.getProperty("user.home"), ".coop", "trust"));
  }

  public Path dir() {
    return dir;
  }

  /** The journal of signed receipts kept in this directory. */
  public ReceiptJournal receipts() {
    return new ReceiptJournal(dir.resolve("receipts"));
  }

  /** Whether the pin was just made or was already there. */
  public enum Pin {
    FIRST_USE,
    MATCHED
  }

  /**
   * Checks {@code verifierKey} against the key pinned for the ledger it names (a verifier key's
   * name is its ledger's origin), pinning it if the ledger is new here.
   *
   * @throws VerificationException {@link #NODE_KEY_CHANGED} if another key is pinned for it
   */
  public Pin pin(String verifierKey) {
    String origin = NoteVerifier.parse(verifierKey).name();
    Optional<String> pinned = verifierKeyFor(origin);
    if (pinned.isPresent()) {
      if (!pinned.get().equals(verifierKey)) {
        throw changed(origin, pinned.get(), verifierKey);
      }
      return Pin.MATCHED;
    }
    List<String> lines = knownLines();
    lines.add(origin + " " + verifierKey);
    write(dir.resolve(KNOWN_LEDGERS), String.join("\n", lines) + "\n");
    return Pin.FIRST_USE;
  }

  /**
   * Replaces the key pinned for a ledger after a person confirmed the rotation with the co-op
   * through another channel. The last checkpoint seen is kept: the new key's checkpoints must still
   * extend it.
   *
   * @return the key that was pinned before, if any
   */
  public Optional<String> acceptRotation(String verifierKey) {
    String origin = NoteVerifier.parse(verifierKey).name();
    Optional<String> before = verifierKeyFor(origin);
    List<String> lines = new ArrayList<>();
    for (String line : knownLines()) {
      Known known = Known.parse(line);
      if (known == null || !known.origin().equals(origin)) {
        lines.add(line);
      }
    }
    lines.add(origin + " " + verifierKey);
    write(dir.resolve(KNOWN_LEDGERS), String.join("\n", lines) + "\n");
    return before;
  }

  /** The checkpoint key pinned for a ledger origin, if one was pinned. */
  public Optional<String> verifierKeyFor(String origin) {
    return knownLines().stream()
        .map(Known::parse)
        .filter(known -> known != null && known.origin().equals(origin))
        .map(Known::verifierKey)
        .findFirst();
  }

  /** The text of the latest checkpoint this auditor verified for {@code origin}, if any. */
  public Optional<String> lastCheckpoint(String origin) {
    Path file = checkpointFile(origin);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Remembers a verified checkpoint as the latest seen for {@code origin}. */
  public void saveCheckpoint(String origin, String checkpointText) {
    write(checkpointFile(origin), checkpointText);
  }

  /** Remembers the names and proposal ids of an audited ledger (see {@link AuditedNames}). */
  public void saveAuditedNames(AuditedNames names) {
    write(namesFile(names.origin()), names.toJson());
  }

  /**
   * The names and proposal ids of the last audit of {@code origin}, if it was ever audited here.
   */
  public Optional<AuditedNames> auditedNames(String origin) {
    Path file = namesFile(origin);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(AuditedNames.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path namesFile(String origin) {
    return dir.resolve("audited").resolve(fileKey(origin) + ".json");
  }

  private Path checkpointFile(String origin) {
    return dir.resolve("checkpoints").resolve(fileKey(origin) + ".checkpoint");
  }

  /** A file name for an origin: 32 hex digits of its SHA-256. */
  static String fileKey(String origin) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private List<String> knownLines() {
    Path file = dir.resolve(KNOWN_LEDGERS);
    if (!Files.exists(file)) {
      return new ArrayList<>();
    }
    try {
      return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private VerificationException changed(String origin, String pinned, String served) {
    String bar = "@".repeat(64);
    String message =
        String.join(
            "\n",
            "",
            bar,
            "@  WARNING: THE NODE'S CHECKPOINT KEY HAS CHANGED!",
            bar,
            "Ledger " + origin + " is signed by another key than the one you pinned:",
            "  pinned: " + pinned,
            "  served: " + served,
            "Either its operator replaced the key (ask the co-op, through another channel, why) or",
            "something is impersonating its node. Nothing it serves can be trusted until you know.",
            "If the rotation is legitimate, accept the new key with",
            "  coop trust accept-key '" + served + "' --trust-dir " + dir,
            "and audit again (your receipts and last checkpoint are kept).");
    return new VerificationException(NODE_KEY_CHANGED, message);
  }

  /** Writes through a temporary file and a rename, so a crash never leaves half a file. */
  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line of {@code known_ledgers}: {@code ORIGIN VERIFIER_KEY}. */
  private record Known(String origin, String verifierKey) {
    static Known parse(String line) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        return null;
      }
      String[] parts = trimmed.split(" ");
      return parts.length == 2 ? new Known(parts[0], parts[1]) : null;
    }
  }
}
