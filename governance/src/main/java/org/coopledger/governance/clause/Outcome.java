package org.coopledger.governance.clause;

import java.util.List;

/** The evaluation of one clause node: its state, whether its votes are final, what is missing. */
record Outcome(State state, boolean votesFinal, List<String> missing) {
  enum State {
    HOLDS,
    PENDING,
    NEVER
  }

  Outcome {
    missing = List.copyOf(missing);
  }

  static Outcome holds() {
    return new Outcome(State.HOLDS, true, List.of());
  }

  static Outcome pending(String missing) {
    return new Outcome(State.PENDING, true, List.of(missing));
  }

  static Outcome never(String missing) {
    return new Outcome(State.NEVER, true, List.of(missing));
  }

  Outcome withVotesFinal(boolean votesFinal) {
    return new Outcome(state, votesFinal, missing);
  }

  boolean isHolding() {
    return state == State.HOLDS;
  }
}
