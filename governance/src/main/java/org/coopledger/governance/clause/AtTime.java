package org.coopledger.governance.clause;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.coopledger.governance.crypto.MemberId;

/** The same ledger state seen at another time: to find when conditions would run out. */
final class AtTime implements ClauseContext {
  private final ClauseContext context;
  private final Instant now;

  AtTime(ClauseContext context, Instant now) {
    this.context = context;
    this.now = now;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public MemberId author() {
    return context.author();
  }

  @Override
  public List<MemberId> membersWithRole(String role) {
    return context.membersWithRole(role);
  }

  @Override
  public List<MemberId> members() {
    return context.members();
  }

  @Override
  public Optional<MemberId> resolveMember(String ref) {
    return context.resolveMember(ref);
  }

  @Override
  public String describe(MemberId member) {
    return context.describe(member);
  }

  @Override
  public List<MemberId> beneficiaries() {
    return context.beneficiaries();
  }

  @Override
  public Map<MemberId, Instant> approvals() {
    return context.approvals();
  }

  @Override
  public OptionalLong amount() {
    return context.amount();
  }

  @Override
  public Optional<String> currency() {
    return context.currency();
  }

  @Override
  public Instant openedAt() {
    return context.openedAt();
  }

  @Override
  public Map<MemberId, Long> voterWeights(Clause.Vote vote) {
    return context.voterWeights(vote);
  }

  @Override
  public Map<MemberId, Ballot> ballots() {
    return context.ballots();
  }

  @Override
  public VoteTally tally(Clause.Vote vote) {
    return context.tally(vote);
  }

  @Override
  public Map<MemberId, Instant> vetoes() {
    return context.vetoes();
  }

  @Override
  public Optional<Instant> conditionsMetAt() {
    return context.conditionsMetAt();
  }
}
