package org.coopledger.governance.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;

/**
 * What a node promises when it acknowledges an entry: in the ledger {@code origin}, the entry is at
 * {@code index}, its Merkle leaf hash is {@code leafHash} and it was accepted at {@code
 * acceptedAtMillis} (the time in its {@code LedgerRecord}). Signed as a C2SP signed note ({@link
 * SignedReceipt}); the body is five lines:
 *
 * <pre>
 * coopledger/receipt/v1
 * &lt;origin&gt;
 * &lt;index, decimal&gt;
 * &lt;base64 of the 32-byte leaf hash&gt;
 * &lt;accepted time, decimal milliseconds since the epoch&gt;
 * </pre>
 *
 * <p>A receipt body can never be read as a checkpoint body of the same key: a checkpoint's first
 * line is the key's name, an origin {@code coopledger/<co-op>/<16 hex>}, never {@code
 * coopledger/receipt/v1}.
 */
public record Receipt(String origin, long index, Hash leafHash, long acceptedAtMillis) {
  public static final String HEADER = "coopledger/receipt/v1";
  public static final String MALFORMED_RECEIPT = "MALFORMED_RECEIPT";
  private static final Pattern DECIMAL = Pattern.compile("0|-?[1-9][0-9]{0,18}");

  public Receipt {
    NoteFormat.requireValidName(origin);
    if (index < 0) {
      throw new IllegalArgumentException("a receipt's index is not negative, got " + index);
    }
    if (leafHash == null) {
      throw new IllegalArgumentException("a receipt needs a leaf hash");
    }
  }

  /** The note text: the five lines, each ending in a newline. */
  public String body() {
    return HEADER
        + "\n"
        + origin
        + "\n"
        + index
        + "\n"
        + leafHash.base64()
        + "\n"
        + acceptedAtMillis
        + "\n";
  }

  /**
   * Parses a receipt body strictly.
   *
   * @throws VerificationException {@link #MALFORMED_RECEIPT} naming the offending line
   */
  public static Receipt parse(String text) {
    if (text == null || !text.endsWith("\n")) {
      throw malformed("a receipt's text ends with a newline");
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    lines.remove(lines.size() - 1);
    if (lines.size() != 5) {
      throw malformed(
          "a receipt has 5 lines (header, origin, index, leaf hash, accepted time), got "
              + lines.size());
    }
    if (!lines.get(0).equals(HEADER)) {
      throw malformed("line 1 must be '" + HEADER + "', got '" + lines.get(0) + "'");
    }
    String origin = lines.get(1);
    if (!NoteFormat.isValidName(origin)) {
      throw malformed("line 2 (origin) is not a valid key name: '" + origin + "'");
    }
    long index = decimal(lines.get(2), "line 3 (index)");
    if (index < 0) {
      throw malformed("line 3 (index) is negative");
    }
    byte[] leaf = NoteFormat.decodeCanonicalBase64(lines.get(3));
    if (leaf == null || leaf.length != Hash.LENGTH) {
      throw malformed(
          "line 4 (leaf hash) must be the canonical base64 of 32 bytes, got '"
              + lines.get(3)
              + "'");
    }
    long accepted = decimal(lines.get(4), "line 5 (accepted time)");
    return new Receipt(origin, index, Hash.of(leaf), accepted);
  }

  private static long decimal(String text, String what) {
    if (!DECIMAL.matcher(text).matches()) {
      throw malformed(what + " must be decimal without leading zeros, got '" + text + "'");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw malformed(what + " does not fit in 64 bits: " + text);
    }
  }

  private static VerificationException malformed(String message) {
    return new VerificationException(MALFORMED_RECEIPT, message);
  }
}
