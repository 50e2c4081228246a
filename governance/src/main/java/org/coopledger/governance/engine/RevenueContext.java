package org.coopledger.governance.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.crypto.MemberId;

/**
 * What the {@code revenue} clause sees of a record-revenue entry, judged at once: the members who
 * signed it (its author and any co-signers) approve it now; it has the revenue's amount and
 * currency; it has no proposer to set apart and no beneficiaries (so a treasurer's own signature
 * counts for {@code role(treasurer)}), no votes, vetoes or earlier conditions. A timelock, veto or
 * vote in a revenue clause therefore never holds.
 */
final class RevenueContext extends MembersContext {
  /** A member id nobody has: a revenue entry has no proposer whose approval is set apart. */
  private static final MemberId NO_PROPOSER = new MemberId("0".repeat(32));

  private final List<MemberId> signers;
  private final RecordRevenue revenue;

  RevenueContext(CoopState state, long now, List<MemberId> signers, RecordRevenue revenue) {
    super(state, now);
    this.signers = List.copyOf(signers);
    this.revenue = revenue;
  }

  @Override
  public MemberId author() {
    return NO_PROPOSER;
  }

  @Override
  public List<MemberId> beneficiaries() {
    return List.of();
  }

  @Override
  public Map<MemberId, Instant> approvals() {
    SortedMap<MemberId, Instant> out = new TreeMap<>();
    signers.forEach(s -> out.put(s, now()));
    return out;
  }

  @Override
  public OptionalLong amount() {
    return OptionalLong.of(revenue.amountMinor());
  }

  @Override
  public Optional<String> currency() {
    return Optional.of(revenue.currency());
  }

  @Override
  public Instant openedAt() {
    return now();
  }

  @Override
  public Map<MemberId, Long> voterWeights(Clause.Vote vote) {
    return Map.of();
  }

  @Override
  public Map<MemberId, Ballot> ballots() {
    return Map.of();
  }

  @Override
  public Map<MemberId, Instant> vetoes() {
    return Map.of();
  }

  @Override
  public Optional<Instant> conditionsMetAt() {
    return Optional.empty();
  }
}
