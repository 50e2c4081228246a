package org.coopledger.governance.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coopledger.governance.clause.ClauseContext;
import org.coopledger.governance.crypto.MemberId;

/**
 * What every clause context knows of the co-op: its current members and their roles in one state,
 * and the time of the entry being applied.
 */
abstract class MembersContext implements ClauseContext {
  final CoopState state;
  final long now;

  MembersContext(CoopState state, long now) {
    this.state = state;
    this.now = now;
  }

  @Override
  public Instant now() {
    return Instant.ofEpochMilli(now);
  }

  @Override
  public List<MemberId> membersWithRole(String role) {
    return state.activeMembers().stream().filter(m -> m.hasRole(role)).map(Member::id).toList();
  }

  @Override
  public List<MemberId> members() {
    return state.activeMembers().stream().map(Member::id).toList();
  }

  @Override
  public Optional<MemberId> resolveMember(String ref) {
    return ProposalContext.resolve(state, ref).map(Member::id);
  }

  @Override
  public String describe(MemberId member) {
    return state.member(member).map(Member::describe).orElse(member.hex());
  }
}
