package org.coopledger.governance.clause;

import java.util.List;

/** The evaluation of one clause node: its state, whether its votes are final, what is missing. */
record Verdict(State state, boolean votesFinal, List<String> missing) {
  enum State {
    HOLDS,
    PENDING,
    NEVER
  }

  Verdict {
    missing = List.copyOf(missing);
  }

  static Verdict holds() {
    return new Verdict(State.HOLDS, true, List.of());
  }

  static Verdict pending(String missing) {
    return new Verdict(State.PENDING, true, List.of(missing));
  }

  static Verdict never(String missing) {
    return new Verdict(State.NEVER, true, List.of(missing));
  }

  Verdict withVotesFinal(boolean votesFinal) {
    return new Verdict(state, votesFinal, missing);
  }

  boolean isHolding() {
    return state == State.HOLDS;
  }
}
