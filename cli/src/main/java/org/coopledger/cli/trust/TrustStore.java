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
import org.coopledger.governance.error.VerificationException;

/**
 * What an auditor has seen before, like SSH's {@code known_hosts}: for each node URL the ledger
 * origin and the checkpoint key it used on first contact ({@code known_nodes}), and for each ledger
 * origin the latest checkpoint this auditor verified ({@code checkpoints/}). Trust on first use:
 * the first audit pins, every later one must match, and a change is a loud failure that only a
 * person can clear (by deleting the line).
 *
 * <p>Not thread-safe; one auditor process at a time per directory.
 */
public final class TrustStore {
  public static final String ENV = "COOP_TRUST_DIR";
  static final String KNOWN_NODES = "known_nodes";

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

  /** Whether the pin was just made or was already there. */
  public enum Pin {
    FIRST_USE,
    MATCHED
  }

  /**
   * Checks the node at {@code nodeUrl} against its pinned origin and checkpoint key, pinning them
   * if this is the first contact.
   *
   * @throws VerificationException {@code NODE_KEY_CHANGED} or {@code NODE_ORIGIN_CHANGED} when the
   *     node no longer matches what was pinned
   */
  public Pin pin(String nodeUrl, String origin, String verifierKey) {
    requireToken("node URL", nodeUrl);
    requireToken("verifier key", verifierKey);
    if (origin.isBlank() || origin.contains("\n")) {
      throw new IllegalArgumentException("an origin is one non-blank line, got '" + origin + "'");
    }
    List<String> lines = knownNodeLines();
    for (int i = 0; i < lines.size(); i++) {
      KnownNode known = KnownNode.parse(lines.get(i));
      if (known == null || !known.url().equals(nodeUrl)) {
        continue;
      }
      if (!known.verifierKey().equals(verifierKey)) {
        throw changed("CHECKPOINT KEY", nodeUrl, known.verifierKey(), verifierKey, i + 1);
      }
      if (!known.origin().equals(origin)) {
        throw changed("LEDGER ORIGIN", nodeUrl, known.origin(), origin, i + 1);
      }
      return Pin.MATCHED;
    }
    lines.add(nodeUrl + " " + verifierKey + " " + origin);
    write(dir.resolve(KNOWN_NODES), String.join("\n", lines) + "\n");
    return Pin.FIRST_USE;
  }

  /** The checkpoint key pinned for a ledger origin by any node URL, if one was pinned. */
  public Optional<String> verifierKeyFor(String origin) {
    return knownNodeLines().stream()
        .map(KnownNode::parse)
        .filter(known -> known != null && known.origin().equals(origin))
        .map(KnownNode::verifierKey)
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

  private Path checkpointFile(String origin) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
      return dir.resolve("checkpoints")
          .resolve(HexFormat.of().formatHex(digest, 0, 16) + ".checkpoint");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private List<String> knownNodeLines() {
    Path file = dir.resolve(KNOWN_NODES);
    if (!Files.exists(file)) {
      return new ArrayList<>();
    }
    try {
      return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private VerificationException changed(
      String what, String nodeUrl, String pinned, String served, int line) {
    String bar = "@".repeat(64);
    String message =
        String.join(
            "\n",
            "",
            bar,
            "@  WARNING: THE NODE'S " + what + " HAS CHANGED!",
            bar,
            "The node at " + nodeUrl + " no longer matches what you pinned on first contact:",
            "  pinned: " + pinned,
            "  served: " + served,
            "Either its operator replaced it (ask them, through another channel, why) or",
            "something is impersonating the node. Nothing it serves can be trusted until you know.",
            "If the change is legitimate, delete line "
                + line
                + " of "
                + dir.resolve(KNOWN_NODES)
                + " and audit again.");
    return new VerificationException(
        what.equals("CHECKPOINT KEY") ? "NODE_KEY_CHANGED" : "NODE_ORIGIN_CHANGED", message);
  }

  private static void requireToken(String what, String value) {
    if (value == null || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a " + what + " has no spaces, got '" + value + "'");
    }
  }

  /** Writes through a temporary file and a rename, so a crash never leaves half a file. */
  private static void write(Path file, String text) {
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

  /**
   * One line of {@code known_nodes}: {@code URL VERIFIER_KEY ORIGIN} (origin last: may hold
   * spaces).
   */
  private record KnownNode(String url, String verifierKey, String origin) {
    static KnownNode parse(String line) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        return null;
      }
      String[] parts = trimmed.split(" ", 3);
      return parts.length == 3 ? new KnownNode(parts[0], parts[1], parts[2]) : null;
    }
  }
}
