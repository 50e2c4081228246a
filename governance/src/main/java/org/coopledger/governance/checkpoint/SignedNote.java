package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coopledger.governance.error.VerificationException;

/**
 * A C2SP {@code signed-note}: a text ending in a newline, a blank line, and one or more signature
 * lines {@code — <name> base64(keyHash || signature)}.
 *
 * <p>{@link #parse} checks only the syntax; {@link #verify} checks signatures. The text must be
 * ignored until {@link #verify} has returned it.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  public static final String DUPLICATE_SIGNATURE = "DUPLICATE_SIGNATURE";
  public static final String TOO_FEW_SIGNATURES = "TOO_FEW_SIGNATURES";

  /**
   * At most this many signature lines are parsed (the spec requires accepting at least 16), so that
   * a hostile note cannot make a verifier spend without bound.
   */
  public static final int MAX_SIGNATURES = 100;

  public SignedNote {
    if (text == null || !text.endsWith("\n")) {
      throw new IllegalArgumentException("a note text ends with a newline");
    }
    checkCharacters(text);
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a signed note has 1 to " + MAX_SIGNATURES + " signatures, got " + signatures.size());
    }
  }

  /** Signs {@code text} with each signer, in order. */
  public static SignedNote sign(String text, NoteSigner... signers) {
    List<NoteSignature> lines = new ArrayList<>();
    for (NoteSigner signer : signers) {
      lines.add(signer.sign(text));
    }
    SignedNote note = new SignedNote(text, lines);
    note.checkNoDuplicateKeys();
    return note;
  }

  /**
   * Parses the bytes of a signed note strictly: valid UTF-8, no control characters but LF, a blank
   * line before the signature block, well-formed signature lines in canonical base64, a final
   * newline and at most {@link #MAX_SIGNATURES} signatures.
   *
   * @throws VerificationException with code {@code MALFORMED_NOTE} saying what and where
   */
  public static SignedNote parse(byte[] bytes) {
    String note;
    try {
      note =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw NoteFormat.malformed("the note is not valid UTF-8");
    }
    return parseChecked(note);
  }

  /** Parses a signed note given as text; see {@link #parse(byte[])}. */
  public static SignedNote parse(String note) {
    try {
      UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(note));
    } catch (CharacterCodingException e) {
      throw NoteFormat.malformed("the note contains an unpaired surrogate (not valid UTF-8)");
    }
    return parseChecked(note);
  }

  private static SignedNote parseChecked(String note) {
    checkCharacters(note);
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw NoteFormat.malformed("no blank line separates the note text from its signatures");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty()) {
      throw NoteFormat.malformed("the note has no signature lines after its blank line");
    }
    if (!block.endsWith("\n")) {
      throw NoteFormat.malformed("the last signature line does not end with a newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw NoteFormat.malformed(
          "the note has "
              + lines.length
              + " signature lines; at most "
              + MAX_SIGNATURES
              + " are accepted");
    }
    List<NoteSignature> signatures = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      signatures.add(NoteSignature.parseLine(lines[i], i + 1));
    }
    return new SignedNote(text, signatures);
  }

  private static void checkCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw NoteFormat.malformed(
            String.format(
                "control character U+%04X at offset %d (notes use bare LF line endings)",
                (int) c, i));
      }
    }
  }

  /** The note as text: the note text, a blank line, and the signature lines. */
  public String encode() {
    StringBuilder out = new StringBuilder(text).append('\n');
    for (NoteSignature s : signatures) {
      out.append(s.line());
    }
    return out.toString();
  }

  /** The UTF-8 bytes of {@link #encode()}. */
  public byte[] bytes() {
    return encode().getBytes(UTF_8);
  }

  /**
   * A note with {@code line} appended, e.g. a witness's cosignature.
   *
   * @throws VerificationException with code {@code DUPLICATE_SIGNATURE} if that key already signed
   */
  public SignedNote withSignature(NoteSignature line) {
    for (NoteSignature s : signatures) {
      if (s.sameKeyAs(line)) {
        throw duplicate(line);
      }
    }
    List<NoteSignature> all = new ArrayList<>(signatures);
    all.add(line);
    return new SignedNote(text, all);
  }

  /**
   * Verifies that every key in {@code required} signed this note's text, and returns the text.
   * Lines by other keys are ignored, as the spec demands (even when they share a name or a key
   * hash, but not both, with a required key).
   *
   * @throws VerificationException {@code UNKNOWN_KEY} if a required key did not sign (the note is
   *     then signed only by keys not trusted for it), {@code DUPLICATE_SIGNATURE} if a required key
   *     signed twice, {@code BAD_NOTE_SIGNATURE} if a required key's signature does not verify,
   *     {@code MALFORMED_NOTE} if a cosignature line has the wrong shape
   */
  public String verify(Collection<NoteVerifier> required) {
    if (required.isEmpty()) {
      throw new IllegalArgumentException("name at least one key that must have signed");
    }
    List<NoteVerifier> signed = verifyKnown(required);
    if (signed.size() < required.size()) {
      NoteVerifier missing = required.stream().filter(v -> !signed.contains(v)).findFirst().get();
      throw new VerificationException(
          NoteVerifier.UNKNOWN_KEY,
          "the note has no signature by required key "
              + missing.name()
              + "+"
              + missing.keyHashHex()
              + "; it is signed by "
              + signatures
              + " only");
    }
    return text;
  }

  /**
   * Verifies that at least {@code threshold} of the {@code known} keys signed this note's text, and
   * returns those that did. Every line by a known key must verify (a bad one rejects the whole
   * note); lines by other keys are ignored.
   *
   * @throws VerificationException {@code TOO_FEW_SIGNATURES} if fewer than {@code threshold} known
   *     keys signed, otherwise as {@link #verify(Collection)}
   */
  public List<NoteVerifier> verifyQuorum(Collection<NoteVerifier> known, int threshold) {
    if (threshold < 0 || threshold > known.size()) {
      throw new IllegalArgumentException(
          "the threshold must be 0 to " + known.size() + ", got " + threshold);
    }
    List<NoteVerifier> signed = verifyKnown(known);
    if (signed.size() < threshold) {
      List<String> missing =
          known.stream()
              .filter(v -> !signed.contains(v))
              .map(v -> v.name() + "+" + v.keyHashHex())
              .toList();
      throw new VerificationException(
          TOO_FEW_SIGNATURES,
          signed.size()
              + " of the "
              + known.size()
              + " trusted keys signed, "
              + threshold
              + " are needed; missing "
              + missing);
    }
    return signed;
  }

  /** Checks every line by a key in {@code known}; returns the keys that signed, in order. */
  private List<NoteVerifier> verifyKnown(Collection<NoteVerifier> known) {
    Set<String> ids = new HashSet<>();
    for (NoteVerifier v : known) {
      if (!ids.add(v.name() + "+" + v.keyHashHex())) {
        throw new IllegalArgumentException(
            "two trusted keys share " + v.name() + "+" + v.keyHashHex());
      }
    }
    List<NoteVerifier> signed = new ArrayList<>();
    for (NoteVerifier v : known) {
      NoteSignature found = null;
      for (NoteSignature s : signatures) {
        if (v.claims(s)) {
          if (found != null) {
            throw duplicate(s);
          }
          found = s;
        }
      }
      if (found != null) {
        v.verify(text, found);
        signed.add(v);
      }
    }
    return List.copyOf(signed);
  }

  /** Same as {@link #verify(Collection)} for the given keys. */
  public String verify(NoteVerifier... required) {
    return verify(List.of(required));
  }

  private void checkNoDuplicateKeys() {
    for (int i = 0; i < signatures.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (signatures.get(i).sameKeyAs(signatures.get(j))) {
          throw duplicate(signatures.get(i));
        }
      }
    }
  }

  private static VerificationException duplicate(NoteSignature line) {
    return new VerificationException(
        DUPLICATE_SIGNATURE,
        "the note carries more than one signature by "
            + line.name()
            + "+"
            + NoteFormat.hex(line.keyHash()));
  }
}
