package org.coopledger.contracts.chain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A 20-byte Ethereum account or contract address, kept as lowercase {@code 0x}-prefixed hex. */
public record EthAddress(String hex) {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

  public EthAddress {
    if (hex == null || !ADDRESS.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "an Ethereum address is 0x followed by 40 lowercase hex digits, got '" + hex + "'");
    }
  }

  /** Parses an address in any letter case (EIP-55 checksums are not required). */
  public static EthAddress parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("an Ethereum address is required");
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    return new EthAddress(t.startsWith("0x") ? t : "0x" + t);
  }

  @Override
  public String toString() {
    return hex;
  }
}
