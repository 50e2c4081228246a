package org.coopledger.governance.checkpoint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.coopledger.governance.error.VerificationException;

/** Asserts that a call fails closed with a given stable code and a precise message. */
final class Rejections {
  private Rejections() {}

  static void assertRejected(ThrowingCallable call, String code, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(code);
  }
}
