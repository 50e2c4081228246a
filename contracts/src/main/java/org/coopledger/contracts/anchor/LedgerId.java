package org.coopledger.contracts.anchor;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.EthAddress;

/**
 * The id under which a ledger's checkpoints are anchored: {@code keccak256(abi.encode(admin,
 * name))}, exactly as {@code CheckpointAnchor.ledgerIdOf} computes it. Because the registering
 * admin's address is part of the id, nobody else can register or squat on it.
 */
public record LedgerId(Bytes32 value) {
  public LedgerId {
    if (value == null) {
      throw new IllegalArgumentException("a ledger id needs a value");
    }
  }

  /** The id that {@code admin} gets by registering {@code name}. */
  public static LedgerId of(EthAddress admin, Bytes32 name) {
    byte[] encoded = new byte[64];
    byte[] address = HexFormat.of().parseHex(admin.hex().substring(2));
    System.arraycopy(address, 0, encoded, 32 - address.length, address.length);
    System.arraycopy(name.toArray(), 0, encoded, 32, 32);
    return new LedgerId(Bytes32.keccak256(encoded));
  }

  /**
   * The registration name for a co-op: keccak256 of its id in UTF-8, so any co-op id fits the
   * contract's 32-byte name.
   */
  public static Bytes32 nameOf(String coopId) {
    if (coopId == null || coopId.isEmpty()) {
      throw new IllegalArgumentException("a co-op id is required to name a ledger");
    }
    return Bytes32.keccak256(coopId.getBytes(StandardCharsets.UTF_8));
  }

  public static LedgerId fromHex(String hex) {
    return new LedgerId(Bytes32.fromHex(hex));
  }

  @Override
  public String toString() {
    return value.hex();
  }
}
