package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.VerificationException;

/**
 * A C2SP {@code tlog-cosignature} v1 (Ed25519, type 0x04): a witness's statement that, at {@code
 * timestamp}, the checkpoint was the largest consistent tree head it had seen for that origin.
 *
 * <p>On the wire it is a note signature line whose bytes are the key hash, the 8-byte big-endian
 * timestamp and the Ed25519 signature over {@code "cosignature/v1\ntime <t>\n" || checkpoint body}.
 *
 * @param name the witness's key name
 * @param keyHash the witness's key hash (computed with type byte 0x04)
 * @param timestamp seconds since the Unix epoch, 0 to 2^63-1
 * @param signature the 64-byte Ed25519 signature
 */
// The array is copied in and out, and equals/hashCode compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record Cosignature(String name, int keyHash, long timestamp, byte[] signature) {
  /** The first line of every signed cosignature message, the spec's domain separation. */
  static final String HEADER = "cosignature/v1\n";

  private static final int LENGTH = 8 + SigningKey.SIGNATURE_LENGTH;

  public Cosignature {
    NoteFormat.requireValidName(name);
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature timestamp is 0 to 2^63-1");
    }
    if (signature == null || signature.length != SigningKey.SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 signature is 64 bytes");
    }
    signature = signature.clone();
  }

  /** A copy of the 64-byte Ed25519 signature. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The note signature line carrying this cosignature. */
  public NoteSignature toNoteSignature() {
    return new NoteSignature(
        name, keyHash, ByteBuffer.allocate(LENGTH).putLong(timestamp).put(signature).array());
  }

  /**
   * Reads a cosignature out of a signature line, without verifying it.
   *
   * @throws VerificationException with code {@code MALFORMED_NOTE} if the line is not 72 bytes or
   *     its timestamp exceeds 2^63-1
   */
  public static Cosignature fromLine(NoteSignature line) {
    byte[] bytes = line.signature();
    if (bytes.length != LENGTH) {
      throw NoteFormat.malformed(
          "the cosignature by "
              + line
              + " is "
              + bytes.length
              + " bytes; a cosignature/v1 is "
              + LENGTH
              + " (8-byte timestamp and 64-byte Ed25519 signature)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long timestamp = buffer.getLong();
    if (timestamp < 0) {
      throw NoteFormat.malformed("the cosignature by " + line + " has a timestamp above 2^63-1");
    }
    return new Cosignature(
        line.name(), line.keyHash(), timestamp, Arrays.copyOfRange(bytes, 8, LENGTH));
  }

  /**
   * Checks this cosignature over {@code checkpoint} with the pinned witness key.
   *
   * @throws VerificationException with code {@code UNKNOWN_KEY} or {@code BAD_NOTE_SIGNATURE}
   */
  public void verify(Checkpoint checkpoint, NoteVerifier witness) {
    if (witness.type() != SignatureType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("witness keys have type 0x04 (cosignature/v1)");
    }
    witness.verify(checkpoint.body(), toNoteSignature());
  }

  /** The signed message: the header line, the time line and the cosigned note text. */
  static byte[] message(String text, long timestamp) {
    return (HEADER + "time " + timestamp + "\n" + text).getBytes(UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cosignature c
        && name.equals(c.name)
        && keyHash == c.keyHash
        && timestamp == c.timestamp
        && Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + keyHash) * 31 + Long.hashCode(timestamp)) * 31
        + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Cosignature[" + name + "+" + NoteFormat.hex(keyHash) + " at " + timestamp + "]";
  }
}
