package org.coopledger.governance.clause;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of evaluating a clause at one point in time.
 *
 * @param holds the action may take effect now
 * @param neverHolds the clause can never hold for this proposal any more (a vote failed, a veto was
 *     cast): the state machine may mark the proposal rejected
 * @param conditionsMet everything except timelocks and veto windows holds now
 * @param conditionsMetSince when the conditions have been met since, if they are met: the recorded
 *     {@link ClauseContext#conditionsMetAt()}, else the earliest time the evaluator can prove (a
 *     vote that closed passing counts from its window's end), else {@code now}
 * @param votesFinal no vote this clause depends on can change its outcome any more (window closed,
 *     every eligible voter voted, or the remaining votes cannot flip it); true without votes
 * @param missing what is still needed, one human-readable line each, in clause order; empty when
 *     the clause holds
 * @param conditionsLapseAt if the conditions are met: the first later time at which they stop being
 *     met by time alone (an approval with {@code within} runs out), unless an entry changes them
 *     first; empty if time alone never ends them. Whoever records {@code conditionsMetSince} must
 *     forget it from then on: timelocks and veto windows count from the start of the current
 *     unbroken interval in which the conditions hold.
 */
public record ClauseResult(
    boolean holds,
    boolean neverHolds,
    boolean conditionsMet,
    Optional<Instant> conditionsMetSince,
    boolean votesFinal,
    List<String> missing,
    Optional<Instant> conditionsLapseAt) {
  public ClauseResult {
    if (holds && neverHolds) {
      throw new IllegalArgumentException("a clause cannot both hold and never hold");
    }
    if (holds && !conditionsMet) {
      throw new IllegalArgumentException("a clause that holds has its conditions met");
    }
    if (conditionsMetSince == null || conditionsMet != conditionsMetSince.isPresent()) {
      throw new IllegalArgumentException("conditionsMetSince is present exactly when met");
    }
    missing = List.copyOf(missing);
    if (conditionsLapseAt == null || (conditionsLapseAt.isPresent() && !conditionsMet)) {
      throw new IllegalArgumentException("conditionsLapseAt is present only when met");
    }
  }
}
