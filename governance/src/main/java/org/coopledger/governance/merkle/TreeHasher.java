package org.coopledger.governance.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6962 hashing scheme: a leaf is {@code SHA-256(0x00 || data)}, an interior node {@code
 * SHA-256(0x01 || left || right)}. The distinct prefixes keep a leaf from ever passing for a node
 * (second-preimage resistance). Thread-safe.
 */
public final class TreeHasher {
  static final byte LEAF_PREFIX = 0x00;
  static final byte NODE_PREFIX = 0x01;

  // A digest per thread: MessageDigest is not thread-safe, and getInstance per hash costs more
  // than hashing a 65-byte node.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(TreeHasher::newSha256);

  /** The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
  public static final Hash EMPTY_ROOT = Hash.wrap(newSha256().digest());

  private TreeHasher() {}

  /** The leaf hash of an entry's bytes. */
  public static Hash leafHash(byte[] data) {
    MessageDigest digest = SHA256.get();
    digest.update(LEAF_PREFIX);
    digest.update(data);
    return Hash.wrap(digest.digest());
  }

  /** The hash of an interior node from its two children. */
  public static Hash nodeHash(Hash left, Hash right) {
    MessageDigest digest = SHA256.get();
    digest.update(NODE_PREFIX);
    left.updateDigest(digest);
    right.updateDigest(digest);
    return Hash.wrap(digest.digest());
  }

  /**
   * Writes the node hash of two children held in packed arrays into {@code out}; the
   * allocation-free path for bulk tree building.
   */
  static void nodeHash(
      MessageDigest digest,
      byte[] left,
      int leftOffset,
      byte[] right,
      int rightOffset,
      byte[] out,
      int outOffset) {
    digest.update(NODE_PREFIX);
    digest.update(left, leftOffset, Hash.LENGTH);
    digest.update(right, rightOffset, Hash.LENGTH);
    try {
      digest.digest(out, outOffset, Hash.LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output did not fit 32 bytes", e);
    }
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
