package org.coopledger.governance.engine;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.ClauseContext;
import org.coopledger.governance.clause.Group;
import org.coopledger.governance.clause.VoteTally;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.MemberId;

/**
 * What a clause sees of one proposal in one state at one time. Members are named by their member id
 * (the id of the key they joined with), which never changes when they rotate keys; {@code
 * member(<key id>)} resolves current and rotated-away key ids alike.
 */
final class ProposalContext extends MembersContext {
  private final Proposal proposal;
  private final Tallies tallies;

  ProposalContext(CoopState state, Proposal proposal, long now) {
    this(state, proposal, now, null);
  }

  /** A context whose votes are tallied by {@code tallies} (of this proposal; null: count). */
  ProposalContext(CoopState state, Proposal proposal, long now, Tallies tallies) {
    super(state, now);
    this.proposal = proposal;
    this.tallies = tallies;
  }

  @Override
  public MemberId author() {
    return proposal.author();
  }

  /** The active member a key id (current or rotated away) or a display name names. */
  static Optional<Member> resolve(CoopState state, String ref) {
    String r = ref.strip();
    try {
      MemberId owner = state.keyOwners().get(KeyId.parse(r));
      if (owner != null) {
        return state.member(owner).filter(Member::active);
      }
    } catch (IllegalArgumentException notAKeyId) {
      // fall through: a display name
    }
    String name = r.toLowerCase(Locale.ROOT);
    return state.activeMembers().stream()
        .filter(m -> m.name().toLowerCase(Locale.ROOT).equals(name))
        .findFirst();
  }

  @Override
  public List<MemberId> beneficiaries() {
    return beneficiaries(state, proposal.action().governed());
  }

  /** Who a governed action benefits, sorted: see {@link ClauseContext#beneficiaries()}. */
  static List<MemberId> beneficiaries(CoopState state, Governed governed) {
    return switch (governed) {
      case Governed.SplitChange s -> MoneyRules.beneficiaries(state, s);
      case Governed.RouteChange r -> MoneyRules.beneficiaries(state, r);
      case Governed.PoolPayout p -> List.of();
      case Governed.DefineDrop d -> List.of();
      case Governed.TierChange t -> List.of();
      case Governed.Expense e -> List.of(e.claimant());
      case Governed.Payout p -> List.of(p.member());
      case Governed.AdmitMember a -> List.of(a.member().id());
      case Governed.RemoveMember r -> List.of(r.member());
      case Governed.ChangeRoles c -> List.of(c.member());
      case Governed.RulebookChange r -> List.of();
      case Governed.Decision d -> List.of();
      case Governed.NodeChange n -> List.of();
      case Governed.RecoverKey r -> List.of(r.member());
    };
  }

  @Override
  public Map<MemberId, Instant> approvals() {
    return instants(current(proposal.approvals()));
  }

  /** Only current members' approvals and vetoes count: a removed member's lapse with them. */
  private <V> SortedMap<MemberId, V> current(SortedMap<MemberId, V> byMember) {
    SortedMap<MemberId, V> out = new TreeMap<>();
    byMember.forEach(
        (k, v) -> {
          if (state.member(k).map(Member::active).orElse(false)) {
            out.put(k, v);
          }
        });
    return out;
  }

  @Override
  public OptionalLong amount() {
    return switch (proposal.action().governed()) {
      case Governed.Payout p -> OptionalLong.of(p.amountMinor());
      case Governed.PoolPayout p -> OptionalLong.of(p.amountMinor());
      case Governed.Expense e -> OptionalLong.of(e.amountMinor());
      default -> OptionalLong.empty();
    };
  }

  @Override
  public Optional<String> currency() {
    return switch (proposal.action().governed()) {
      case Governed.Payout p -> Optional.of(p.currency());
      case Governed.PoolPayout p -> Optional.of(p.currency());
      case Governed.Expense e -> Optional.of(e.currency());
      default -> Optional.empty();
    };
  }

  @Override
  public Instant openedAt() {
    return Instant.ofEpochMilli(proposal.openedAt());
  }

  @Override
  public Map<MemberId, Long> voterWeights(Clause.Vote vote) {
    return voterWeights(state, proposal, vote);
  }

  /**
   * The electorate of {@code vote} on {@code proposal}: members when it opened who are in the
   * vote's group and still members now, weighted by one or by their basis points when it opened.
   */
  static SortedMap<MemberId, Long> voterWeights(
      CoopState state, Proposal proposal, Clause.Vote vote) {
    SortedMap<MemberId, Long> out = new TreeMap<>();
    List<MemberId> beneficiaries =
        vote.of() instanceof Group.Beneficiaries
            ? beneficiaries(state, proposal.action().governed())
            : List.of();
    Optional<MemberId> named =
        vote.of() instanceof Group.Member m
            ? resolve(state, m.ref()).map(Member::id)
            : Optional.empty();
    for (Map.Entry<MemberId, Proposal.Elector> e : proposal.electorate().entrySet()) {
      MemberId id = e.getKey();
      if (!state.member(id).map(Member::active).orElse(false)) {
        continue;
      }
      boolean inGroup =
          switch (vote.of()) {
            case Group.Role r -> e.getValue().roles().contains(r.name());
            case Group.Member m -> named.filter(id::equals).isPresent();
            case Group.Beneficiaries b -> beneficiaries.contains(id);
            case Group.AllMembers all -> true;
          };
      long weight = vote.weight() == Clause.Weight.SHARE ? e.getValue().basisPoints() : 1L;
      if (inGroup && weight > 0) {
        out.put(id, weight);
      }
    }
    return out;
  }

  @Override
  public Map<MemberId, Ballot> ballots() {
    return ballots(proposal);
  }

  static SortedMap<MemberId, Ballot> ballots(Proposal proposal) {
    SortedMap<MemberId, Ballot> out = new TreeMap<>();
    proposal.ballots().forEach((k, b) -> out.put(k, choice(b.choice())));
    return out;
  }

  static Ballot choice(VoteChoice choice) {
    return switch (choice) {
      case YES -> Ballot.YES;
      case NO -> Ballot.NO;
      case ABSTAIN -> Ballot.ABSTAIN;
    };
  }

  @Override
  public VoteTally tally(Clause.Vote vote) {
    VoteTally kept = tallies == null ? null : tallies.tally(vote);
    return kept != null ? kept : super.tally(vote);
  }

  @Override
  public Map<MemberId, Instant> vetoes() {
    SortedMap<MemberId, Long> at = new TreeMap<>();
    current(proposal.vetoes()).forEach((k, v) -> at.put(k, v.atMillis()));
    return instants(at);
  }

  @Override
  public Optional<Instant> conditionsMetAt() {
    // An interval that ran out (an approval with `within` expired) is over even if no entry said
    // so: timelocks and veto windows then count from when the conditions hold again.
    boolean lapsed = proposal.conditionsLapseAt() >= 0 && now >= proposal.conditionsLapseAt();
    return proposal.conditionsMetAt() < 0 || lapsed
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(proposal.conditionsMetAt()));
  }

  private static Map<MemberId, Instant> instants(SortedMap<MemberId, Long> millis) {
    SortedMap<MemberId, Instant> out = new TreeMap<>();
    millis.forEach((k, v) -> out.put(k, Instant.ofEpochMilli(v)));
    return out;
  }
}
