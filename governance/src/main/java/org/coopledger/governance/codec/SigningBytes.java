package org.coopledger.governance.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * What a member's signature covers: a fixed domain-separation prefix, then the body bytes exactly
 * as received. The prefix keeps an entry signature from ever being valid as any other kind of
 * signed message (checkpoints, receipts).
 */
public final class SigningBytes {
  /** The domain-separation prefix; part of the protocol, never changes within v1. */
  public static final String PREFIX = "coopledger/entry/v1\n";

  private static final byte[] PREFIX_BYTES = PREFIX.getBytes(US_ASCII);

  private SigningBytes() {}

  /** The prefix followed by {@code body}. */
  public static byte[] of(byte[] body) {
    byte[] out = new byte[PREFIX_BYTES.length + body.length];
    System.arraycopy(PREFIX_BYTES, 0, out, 0, PREFIX_BYTES.length);
    System.arraycopy(body, 0, out, PREFIX_BYTES.length, body.length);
    return out;
  }
}
