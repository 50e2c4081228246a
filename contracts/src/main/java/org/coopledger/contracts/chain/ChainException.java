package org.coopledger.contracts.chain;

import java.util.Optional;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;

/**
 * Talking to the Ethereum chain failed. {@link #retryable()} tells a scheduler whether trying again
 * later can help (the chain was down or slow) or not (the chain or contract said no).
 */
public class ChainException extends CoopException {
  private static final long serialVersionUID = 1L;

  /** The RPC endpoint could not be reached or answered garbage. Retry later. */
  public static final String UNAVAILABLE = "CHAIN_UNAVAILABLE";

  /** A transaction was sent but no receipt arrived in time. Check its hash later. */
  public static final String TX_PENDING = "CHAIN_TX_PENDING";

  /** The chain refused the transaction (funds, nonce, gas). Not retried as is. */
  public static final String TX_FAILED = "CHAIN_TX_FAILED";

  /** The contract reverted; {@link #revertData()} holds its ABI-encoded error, if any. */
  public static final String REVERTED = "CHAIN_REVERTED";

  private final String revertData;

  public ChainException(String code, String message) {
    this(code, message, null, null);
  }

  public ChainException(String code, String message, Throwable cause) {
    this(code, message, null, cause);
  }

  ChainException(String code, String message, String revertData, Throwable cause) {
    super(ErrorCode.of(code, ErrorCategory.NODE_FAULT), message, cause);
    this.revertData = revertData;
  }

  /** A contract revert with its ABI-encoded error data ({@code 0x} + selector + arguments). */
  public static ChainException reverted(String message, String revertData) {
    return new ChainException(REVERTED, message, revertData, null);
  }

  /** Whether the same request may succeed later without changes. */
  public boolean retryable() {
    return UNAVAILABLE.equals(code()) || TX_PENDING.equals(code());
  }

  /** The {@code 0x}-hex revert data of a {@link #REVERTED} failure (selector + arguments). */
  public Optional<String> revertData() {
    return Optional.ofNullable(revertData);
  }
}
