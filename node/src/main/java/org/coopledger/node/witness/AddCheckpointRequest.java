package org.coopledger.node.witness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.merkle.Hash;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code old <size>}, at most 63
 * consistency proof lines (base64 hashes), an empty line, then the signed checkpoint note.
 */
public record AddCheckpointRequest(long oldSize, List<Hash> proof, byte[] note) {
  /** The most proof lines the protocol allows. */
  public static final int MAX_PROOF_LINES = 63;

  public AddCheckpointRequest {
    proof = List.copyOf(proof);
    note = note.clone();
  }

  @Override
  public byte[] note() {
    return note.clone();
  }

  /** The request body. */
  public byte[] encode() {
    StringBuilder out = new StringBuilder("old ").append(oldSize).append('\n');
    for (Hash h : proof) {
      out.append(h.base64()).append('\n');
    }
    out.append('\n');
    byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + note.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(note, 0, all, head.length, note.length);
    return all;
  }

  /**
   * Parses a request body.
   *
   * @throws WitnessException 400 {@code MALFORMED_REQUEST} if it is not one
   */
  public static AddCheckpointRequest parse(byte[] body) {
    int at = 0;
    List<String> lines = new ArrayList<>();
    while (true) {
      int newline = indexOf(body, (byte) '\n', at);
      if (newline < 0) {
        throw malformed("the request ends before the empty line that precedes the checkpoint");
      }
      String line = new String(body, at, newline - at, StandardCharsets.UTF_8);
      at = newline + 1;
      if (line.isEmpty()) {
        break;
      }
      lines.add(line);
      if (lines.size() > MAX_PROOF_LINES + 1) {
        throw malformed("more than " + MAX_PROOF_LINES + " consistency proof lines");
      }
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("old ")) {
      throw malformed("the first line must be 'old <size>'");
    }
    String size = lines.get(0).substring(4);
    if (!size.matches("0|[1-9][0-9]{0,18}")) {
      throw malformed("the old size must be a decimal without leading zeros, got '" + size + "'");
    }
    long oldSize;
    try {
      oldSize = Long.parseLong(size);
    } catch (NumberFormatException e) {
      throw malformed("the old size is too large");
    }
    List<Hash> proof = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      try {
        proof.add(Hash.fromBase64(line));
      } catch (RuntimeException e) {
        throw malformed("a consistency proof line is not the base64 of a 32-byte hash");
      }
    }
    byte[] note = new byte[body.length - at];
    System.arraycopy(body, at, note, 0, note.length);
    return new AddCheckpointRequest(oldSize, proof, note);
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static WitnessException malformed(String why) {
    return new WitnessException(400, "MALFORMED_REQUEST", "not an add-checkpoint request: " + why);
  }
}
