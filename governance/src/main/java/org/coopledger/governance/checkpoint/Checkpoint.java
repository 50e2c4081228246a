package org.coopledger.governance.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.coopledger.governance.error.VerificationException;

/**
 * A C2SP {@code tlog-checkpoint} note body: the log's origin, its tree size and the RFC 6962 root
 * hash at that size, plus optional opaque extension lines (which coopledger never writes).
 *
 * <p>{@link #body()} is the exact text that log signatures and witness cosignatures cover; {@link
 * #parse} accepts only texts that {@link #body()} reproduces byte for byte.
 */
// The array is copied in and out, and equals/hashCode compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
  public static final String MALFORMED_CHECKPOINT = "MALFORMED_CHECKPOINT";

  /** Root hashes are SHA-256 (RFC 6962). */
  public static final int HASH_LENGTH = 32;

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

  public Checkpoint {
    if (origin == null || origin.isEmpty() || hasControlCharacter(origin)) {
      throw new IllegalArgumentException(
          "a checkpoint origin is one non-empty line without control characters");
    }
    if (size < 0) {
      throw new IllegalArgumentException("a tree size cannot be negative, got " + size);
    }
    if (rootHash == null || rootHash.length != HASH_LENGTH) {
      throw new IllegalArgumentException("a root hash is " + HASH_LENGTH + " bytes");
    }
    rootHash = rootHash.clone();
    extensions = List.copyOf(extensions);
    for (String line : extensions) {
      if (line.isEmpty() || hasControlCharacter(line)) {
        throw new IllegalArgumentException(
            "an extension is one non-empty line without control characters");
      }
    }
  }

  /** A checkpoint without extension lines, as coopledger nodes produce them. */
  public Checkpoint(String origin, long size, byte[] rootHash) {
    this(origin, size, rootHash, List.of());
  }

  /** A copy of the 32-byte root hash. */
  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note text: origin, size, base64 root hash and extensions, each ending in a newline. */
  public String body() {
    StringBuilder out = new StringBuilder();
    out.append(origin).append('\n');
    out.append(size).append('\n');
    out.append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    for (String line : extensions) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * Parses a checkpoint note text strictly.
   *
   * @throws VerificationException with code {@code MALFORMED_CHECKPOINT} naming the offending line
   */
  public static Checkpoint parse(String text) {
    if (text == null || text.isEmpty() || !text.endsWith("\n")) {
      throw malformed("the checkpoint text must end with a newline");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw malformed(
            String.format(
                "control character U+%04X at offset %d (a checkpoint uses bare LF line endings)",
                (int) c, i));
      }
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    lines.remove(lines.size() - 1); // the empty string after the final newline
    if (lines.size() < 3) {
      throw malformed(
          "a checkpoint has at least 3 lines (origin, size, root hash), got " + lines.size());
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isEmpty()) {
        throw malformed("line " + (i + 1) + " of the checkpoint is empty");
      }
    }
    String sizeText = lines.get(1);
    if (!DECIMAL.matcher(sizeText).matches()) {
      throw malformed(
          "line 2 (tree size) must be ASCII decimal without leading zeros, got '" + sizeText + "'");
    }
    long size;
    try {
      size = Long.parseLong(sizeText);
    } catch (NumberFormatException e) {
      throw malformed("line 2 (tree size) exceeds 2^63-1: " + sizeText);
    }
    byte[] root = NoteFormat.decodeCanonicalBase64(lines.get(2));
    if (root == null || root.length != HASH_LENGTH) {
      throw malformed(
          "line 3 (root hash) must be the canonical base64 of "
              + HASH_LENGTH
              + " bytes, got '"
              + lines.get(2)
              + "'");
    }
    return new Checkpoint(lines.get(0), size, root, lines.subList(3, lines.size()));
  }

  private static boolean hasControlCharacter(String line) {
    return line.chars().anyMatch(c -> c < 0x20);
  }

  private static VerificationException malformed(String message) {
    return new VerificationException(MALFORMED_CHECKPOINT, message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && origin.equals(c.origin)
        && size == c.size
        && Arrays.equals(rootHash, c.rootHash)
        && extensions.equals(c.extensions);
  }

  @Override
  public int hashCode() {
    return (origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash);
  }

  @Override
  public String toString() {
    return "Checkpoint["
        + origin
        + " size "
        + size
        + " root "
        + HexFormat.of().formatHex(rootHash)
        + "]";
  }
}
