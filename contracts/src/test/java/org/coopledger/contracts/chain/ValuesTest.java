package org.coopledger.contracts.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void bytes32RoundTripsThroughHexAndCopiesItsInput() {
    byte[] raw = new byte[32];
    raw[0] = 1;
    Bytes32 value = Bytes32.of(raw);
    raw[0] = 2;

    assertThat(value.toArray()[0]).isEqualTo((byte) 1);
    assertThat(Bytes32.fromHex(value.hex())).isEqualTo(value);
    assertThat(Bytes32.fromHex(value.hex().substring(2).toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(value);
  }

  @Test
  void bytes32RejectsWrongLengthsAndNonHex() {
    assertThatThrownBy(() -> Bytes32.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes32.fromHex("0x1234"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes32.fromHex("zz".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keccak256MatchesTheKnownDigestOfTheEmptyString() {
    assertThat(Bytes32.keccak256(new byte[0]).hex())
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void addressesAreParsedInAnyCaseAndRejectedWhenMalformed() {
    assertThat(EthAddress.parse("0xABCDEF0123456789abcdef0123456789ABCDEF01").hex())
        .isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");
    assertThat(EthAddress.parse("abcdef0123456789abcdef0123456789abcdef01").hex())
        .startsWith("0xabcdef");
    assertThatThrownBy(() -> EthAddress.parse("0x1234"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyAnUnreachableChainOrAPendingTransactionIsWorthRetrying() {
    assertThat(new ChainException(ChainException.UNAVAILABLE, "down").retryable()).isTrue();
    assertThat(new ChainException(ChainException.TX_PENDING, "slow").retryable()).isTrue();
    assertThat(new ChainException(ChainException.TX_FAILED, "no funds").retryable()).isFalse();
    assertThat(ChainException.reverted("no", "0x00").retryable()).isFalse();
  }
}
