package org.coopledger.governance.engine;

import org.coopledger.governance.error.CoopException;

/**
 * Why the state machine refused an entry. Thrown inside {@code apply} and turned into {@link
 * EntryOutcome.Rejected}; its {@link RejectionCode}s are stable and listed in docs/governance.md.
 */
public final class Rejection extends CoopException {
  private static final long serialVersionUID = 1L;

  public Rejection(RejectionCode code, String message) {
    super(code, message);
  }

  @Override
  public RejectionCode errorCode() {
    return (RejectionCode) super.errorCode();
  }
}
