package org.coopledger.governance.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LowerHexTest {
  @Test
  void acceptsExactlyLowercaseHexOfTheLength() {
    assertThat(LowerHex.is("0123456789abcdef", 16)).isTrue();
    assertThat(LowerHex.is("", 0)).isTrue();
  }

  @Test
  void refusesOtherCharactersLengthsAndNull() {
    assertThat(LowerHex.is("0123456789abcdeF", 16)).as("upper case").isFalse();
    assertThat(LowerHex.is("0123456789abcdeg", 16)).as("g").isFalse();
    assertThat(LowerHex.is("/123456789abcdef", 16)).as("'/' is just below '0'").isFalse();
    assertThat(LowerHex.is(":123456789abcdef", 16)).as("':' is just above '9'").isFalse();
    assertThat(LowerHex.is("`123456789abcdef", 16)).as("'`' is just below 'a'").isFalse();
    assertThat(LowerHex.is("0123456789abcde", 16)).as("short").isFalse();
    assertThat(LowerHex.is("0123456789abcdef0", 16)).as("long").isFalse();
    assertThat(LowerHex.is(null, 0)).isFalse();
  }
}
