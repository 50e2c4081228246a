package org.coopledger.contracts.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.EthAddress;
import org.junit.jupiter.api.Test;

class LedgerIdTest {
  private static final EthAddress ADMIN = EthAddress.parse("0x" + "11".repeat(20));
  private static final EthAddress OTHER = EthAddress.parse("0x" + "22".repeat(20));

  @Test
  void theIdIsKeccakOfTheAbiEncodedAdminAndName() {
    Bytes32 name = LedgerId.nameOf("coop-1");
    byte[] encoded =
        HexFormat.of().parseHex("00".repeat(12) + "11".repeat(20) + name.hex().substring(2));

    assertThat(LedgerId.of(ADMIN, name).value()).isEqualTo(Bytes32.keccak256(encoded));
  }

  @Test
  void theSameNameRegisteredByAnotherAdminIsAnotherLedger() {
    Bytes32 name = LedgerId.nameOf("coop-1");

    assertThat(LedgerId.of(ADMIN, name)).isNotEqualTo(LedgerId.of(OTHER, name));
    assertThat(LedgerId.of(ADMIN, name)).isEqualTo(LedgerId.of(ADMIN, LedgerId.nameOf("coop-1")));
  }

  @Test
  void aLedgerIdRoundTripsThroughHex() {
    LedgerId id = LedgerId.of(ADMIN, LedgerId.nameOf("coop-2"));

    assertThat(LedgerId.fromHex(id.toString())).isEqualTo(id);
  }
}
