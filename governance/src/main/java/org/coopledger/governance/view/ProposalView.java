package org.coopledger.governance.view;

import java.util.List;
import java.util.SortedMap;

/**
 * A proposal as of some time: what it does, who acted on it, and what its clause still needs.
 *
 * @param kind the rulebook kind ({@code split}, {@code payout}, ...)
 * @param details the governed action's fields as text (e.g. {@code amountMinor}, {@code currency})
 * @param status stored status: open, passed, rejected, expired or executed
 * @param clause the clause in force for this kind (canonical text)
 * @param executable the clause holds as of {@code asOfMillis}: an execute entry would succeed
 * @param missing what the clause still needs, one line each (empty when executable or closed)
 * @param approvals member id to accepted time
 * @param votingClosesAtMillis end of the vote window, or null when the clause has no vote
 * @param expiresAtMillis after this the proposal can only be closed as expired
 */
public record ProposalView(
    String id,
    String kind,
    String title,
    String text,
    String author,
    long openedAtMillis,
    SortedMap<String, String> details,
    String status,
    String clause,
    boolean executable,
    boolean canNeverPass,
    Long conditionsMetAtMillis,
    List<String> missing,
    TallyView tally,
    SortedMap<String, Long> approvals,
    SortedMap<String, Long> vetoes,
    Long votingClosesAtMillis,
    long expiresAtMillis,
    Long closedAtMillis,
    long asOfMillis) {
  public ProposalView {
    missing = List.copyOf(missing);
  }
}
