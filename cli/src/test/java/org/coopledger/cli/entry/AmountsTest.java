package org.coopledger.cli.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AmountsTest {
  @Test
  void eurosBecomeCents() {
    assertThat(Amounts.parse("12.50", "EUR")).isEqualTo(1250);
    assertThat(Amounts.parse("100", "EUR")).isEqualTo(10000);
    assertThat(Amounts.parse("0.01", "EUR")).isEqualTo(1);
  }

  @Test
  void yenHaveNoDecimalsAndUnknownCodesHaveTwo() {
    assertThat(Amounts.parse("1250", "JPY")).isEqualTo(1250);
    assertThat(Amounts.parse("3.20", "USDC")).isEqualTo(320);
  }

  @Test
  void moreDecimalsThanTheCurrencyHasIsRefusedRatherThanRounded() {
    assertThatThrownBy(() -> Amounts.parse("12.505", "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 decimals");
    assertThatThrownBy(() -> Amounts.parse("1.5", "JPY"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroNegativeAndGarbageAreRefused() {
    assertThatThrownBy(() -> Amounts.parse("0", "EUR")).hasMessageContaining("positive");
    assertThatThrownBy(() -> Amounts.parse("-3", "EUR")).hasMessageContaining("positive");
    assertThatThrownBy(() -> Amounts.parse("12,50", "EUR")).hasMessageContaining("12.50");
  }

  @Test
  void formatIsTheInverseOfParse() {
    assertThat(Amounts.format(1250, "EUR")).isEqualTo("12.50");
    assertThat(Amounts.format(7, "EUR")).isEqualTo("0.07");
    assertThat(Amounts.format(1250, "JPY")).isEqualTo("1250");
  }
}
