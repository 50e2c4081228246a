package org.coopledger.governance.clause;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.crypto.MemberId;

/**
 * Guard rails against tyranny: warnings (never refusals) about a rulebook for a given membership.
 * It simulates coalitions of members acting while everyone else stays passive (no votes, no
 * vetoes), with every window and timelock run out, and reports
 *
 * <ul>
 *   <li>{@code ALONE}: one member can pass a kind by themselves (revenue aside: recording what came
 *       in is a treasurer's job; payouts are what take money out);
 *   <li>{@code WEAK_RULEBOOK}: fewer members can change the rulebook than some kind it governs
 *       needs, so they could lower that bar first;
 *   <li>{@code NOBODY}: no coalition, not even every member together, can ever pass a kind, or a
 *       clause counts on a role nobody holds.
 * </ul>
 *
 * Pure and deterministic; coalitions are tried exactly up to {@value #EXACT_LIMIT} members.
 */
public final class RulebookCheck {
  /** Co-ops up to this size are checked over every coalition; larger ones only alone and all. */
  static final int EXACT_LIMIT = 12;

  /** One warning: a stable code, the kind it is about, and what a person should know. */
  public record Warning(String code, ActionKind kind, String message) {}

  /** A member as the check sees them: name, roles, basis points in the split in force. */
  public record Holder(String name, List<String> roles, int basisPoints) {
    public Holder {
      roles = List.copyOf(roles);
    }
  }

  private static final Instant OPENED = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATER = OPENED.plus(Duration.ofDays(36500));
  private static final long[] AMOUNTS = {1, Long.MAX_VALUE / 4};

  private final Rulebook rulebook;
  private final List<Holder> holders;
  private final List<MemberId> ids = new ArrayList<>();

  private RulebookCheck(Rulebook rulebook, List<Holder> holders) {
    this.rulebook = rulebook;
    this.holders = List.copyOf(holders);
    for (int i = 0; i < holders.size(); i++) {
      ids.add(new MemberId(HexFormat.of().toHexDigits((long) i + 1).repeat(2)));
    }
  }

  /** The warnings for {@code rulebook} in a co-op of {@code holders}, in kind order. */
  public static List<Warning> check(Rulebook rulebook, List<Holder> holders) {
    return new RulebookCheck(rulebook, holders).warnings();
  }

  /**
   * A stand-in membership for a rulebook checked without a co-op: two holders of each role the
   * rulebook names, and two members without roles.
   */
  public static List<Holder> hypotheticalMembers(Rulebook rulebook) {
    java.util.SortedSet<String> roles = new java.util.TreeSet<>();
    for (Clause clause : rulebook.clauses().values()) {
      collectRoles(clause, roles);
    }
    List<Holder> out = new ArrayList<>();
    for (String role : roles) {
      out.add(new Holder(role + " 1", List.of(role), 0));
      out.add(new Holder(role + " 2", List.of(role), 0));
    }
    out.add(new Holder("member one", List.of(), 0));
    out.add(new Holder("member two", List.of(), 0));
    return out;
  }

  private List<Warning> warnings() {
    List<Warning> out = new ArrayList<>();
    SortedMap<ActionKind, Integer> smallest = new TreeMap<>();
    for (ActionKind kind : ActionKind.values()) {
      Clause clause = rulebook.clause(kind);
      boolean beneficiaries = kind.hasBeneficiaries();
      for (String role : unheldRoles(clause)) {
        out.add(
            new Warning(
                "NOBODY",
                kind,
                kind.text() + ": the clause counts on role(" + role + "), which nobody holds"));
      }
      Optional<Integer> min = smallestCoalition(clause, beneficiaries);
      if (min.isEmpty()) {
        if (!(clause instanceof Clause.Constant)) {
          out.add(
              new Warning(
                  "NOBODY",
                  kind,
                  kind.text()
                      + ": nobody can ever pass it, not even every member together ("
                      + clause.text()
                      + ")"));
        }
        continue;
      }
      smallest.put(kind, min.get());
      if (min.get() == 1 && kind != ActionKind.REVENUE) {
        out.add(
            new Warning(
                "ALONE",
                kind,
                kind.text()
                    + ": one member can pass it alone ("
                    + String.join(", ", loneMembers(clause, beneficiaries))
                    + "; "
                    + clause.text()
                    + ")"));
      }
    }
    Integer rulebookNeeds = smallest.get(ActionKind.RULEBOOK);
    if (rulebookNeeds != null) {
      for (var e : smallest.entrySet()) {
        if (e.getKey() != ActionKind.RULEBOOK && e.getValue() > rulebookNeeds) {
          out.add(
              new Warning(
                  "WEAK_RULEBOOK",
                  e.getKey(),
                  "rulebook: "
                      + rulebookNeeds
                      + " member"
                      + (rulebookNeeds == 1 ? "" : "s")
                      + " can change the rulebook, fewer than the "
                      + e.getValue()
                      + " that "
                      + e.getKey().text()
                      + " needs: they could lower that bar first"));
        }
      }
    }
    return out;
  }

  /**
   * The size of the smallest coalition that can pass {@code clause}, if any can; {@code
   * beneficiaries}: whether the kind's proposals can have any.
   */
  private Optional<Integer> smallestCoalition(Clause clause, boolean beneficiaries) {
    int n = holders.size();
    if (n == 0) {
      return Optional.empty();
    }
    if (n > EXACT_LIMIT) {
      if (!loneMembers(clause, beneficiaries).isEmpty()) {
        return Optional.of(1);
      }
      return passes(clause, (1L << Math.min(n, 62)) - 1, beneficiaries)
          ? Optional.of(n)
          : Optional.empty();
    }
    int best = Integer.MAX_VALUE;
    for (long mask = 1; mask < (1L << n); mask++) {
      if (Long.bitCount(mask) < best && passes(clause, mask, beneficiaries)) {
        best = Long.bitCount(mask);
      }
    }
    return best == Integer.MAX_VALUE ? Optional.empty() : Optional.of(best);
  }

  private List<String> loneMembers(Clause clause, boolean beneficiaries) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < holders.size() && i < 62; i++) {
      if (passes(clause, 1L << i, beneficiaries)) {
        out.add(holders.get(i).name());
      }
    }
    return out;
  }

  /**
   * Whether the members in {@code mask} pass the clause: each of them possibly a beneficiary, if
   * the kind's proposals can have any ({@code beneficiaries}).
   */
  private boolean passes(Clause clause, long mask, boolean beneficiaries) {
    List<MemberId> coalition = new ArrayList<>();
    for (int i = 0; i < holders.size() && i < 62; i++) {
      if ((mask & (1L << i)) != 0) {
        coalition.add(ids.get(i));
      }
    }
    for (long amount : AMOUNTS) {
      if (clause.evaluate(new Coalition(coalition, List.of(), amount)).holds()
          || (beneficiaries
              && clause
                  .evaluate(new Coalition(coalition, coalition.subList(0, 1), amount))
                  .holds())) {
        return true;
      }
    }
    return false;
  }

  private List<String> unheldRoles(Clause clause) {
    java.util.SortedSet<String> roles = new java.util.TreeSet<>();
    collectRoles(clause, roles);
    roles.removeIf(r -> holders.stream().anyMatch(h -> h.roles().contains(r)));
    return List.copyOf(roles);
  }

  private static void collectRoles(Clause clause, java.util.SortedSet<String> out) {
    switch (clause) {
      case Clause.And a -> a.terms().forEach(t -> collectRoles(t, out));
      case Clause.Or o -> o.terms().forEach(t -> collectRoles(t, out));
      case Clause.If i -> {
        collectRoles(i.then(), out);
        collectRoles(i.otherwise(), out);
      }
      case Clause.Approval a -> a.groups().forEach(g -> role(g, out));
      case Clause.Vote v -> role(v.of(), out);
      case Clause.Veto v -> role(v.group(), out);
      default -> {}
    }
  }

  private static void role(Group group, java.util.SortedSet<String> out) {
    if (group instanceof Group.Role r) {
      out.add(r.name());
    }
  }

  /** A proposal long after it opened that only the coalition acted on (approved, voted yes). */
  private final class Coalition implements ClauseContext {
    private final List<MemberId> members;
    private final List<MemberId> beneficiaries;
    private final long amount;

    Coalition(List<MemberId> members, List<MemberId> beneficiaries, long amount) {
      this.members = members;
      this.beneficiaries = beneficiaries;
      this.amount = amount;
    }

    @Override
    public Instant now() {
      return LATER;
    }

    @Override
    public MemberId author() {
      return new MemberId("f".repeat(32));
    }

    @Override
    public List<MemberId> membersWithRole(String role) {
      List<MemberId> out = new ArrayList<>();
      for (int i = 0; i < holders.size(); i++) {
        if (holders.get(i).roles().contains(role)) {
          out.add(ids.get(i));
        }
      }
      return out;
    }

    @Override
    public List<MemberId> members() {
      return ids;
    }

    @Override
    public Optional<MemberId> resolveMember(String ref) {
      for (int i = 0; i < holders.size(); i++) {
        if (holders.get(i).name().toLowerCase(Locale.ROOT).equals(ref.toLowerCase(Locale.ROOT))) {
          return Optional.of(ids.get(i));
        }
      }
      return Optional.empty();
    }

    @Override
    public String describe(MemberId member) {
      int i = ids.indexOf(member);
      return i < 0 ? member.hex() : holders.get(i).name();
    }

    @Override
    public List<MemberId> beneficiaries() {
      return beneficiaries;
    }

    @Override
    public Map<MemberId, Instant> approvals() {
      SortedMap<MemberId, Instant> out = new TreeMap<>();
      members.forEach(m -> out.put(m, LATER));
      return out;
    }

    @Override
    public OptionalLong amount() {
      return OptionalLong.of(amount);
    }

    @Override
    public Optional<String> currency() {
      return Optional.of("EUR");
    }

    @Override
    public Instant openedAt() {
      return OPENED;
    }

    @Override
    public Map<MemberId, Long> voterWeights(Clause.Vote vote) {
      SortedMap<MemberId, Long> out = new TreeMap<>();
      for (int i = 0; i < holders.size(); i++) {
        Holder h = holders.get(i);
        boolean in =
            switch (vote.of()) {
              case Group.Role r -> h.roles().contains(r.name());
              case Group.Member m -> resolveMember(m.ref()).equals(Optional.of(ids.get(i)));
              case Group.Beneficiaries b -> beneficiaries.contains(ids.get(i));
              case Group.AllMembers all -> true;
            };
        long weight = vote.weight() == Clause.Weight.SHARE ? h.basisPoints() : 1;
        if (in && weight > 0) {
          out.put(ids.get(i), weight);
        }
      }
      return out;
    }

    @Override
    public Map<MemberId, Ballot> ballots() {
      SortedMap<MemberId, Ballot> out = new TreeMap<>();
      members.forEach(m -> out.put(m, Ballot.YES));
      return out;
    }

    @Override
    public Map<MemberId, Instant> vetoes() {
      return Map.of();
    }

    @Override
    public Optional<Instant> conditionsMetAt() {
      return Optional.of(OPENED);
    }
  }
}
