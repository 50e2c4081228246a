package org.coopledger.governance.clause;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.coopledger.governance.crypto.MemberId;

/**
 * An in-memory {@link ClauseContext} for tests of the pure clause logic. Members are named; their
 * key id is derived from the name. Mutable by design: tests build a scene, then evaluate.
 */
final class MapContext implements ClauseContext {
  static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");

  final Map<MemberId, String> names = new TreeMap<>();
  final Map<MemberId, List<String>> roles = new TreeMap<>();
  final Map<MemberId, Instant> approvals = new LinkedHashMap<>();
  final Map<MemberId, Long> weights = new LinkedHashMap<>();
  final Map<MemberId, Ballot> ballots = new LinkedHashMap<>();
  final Map<MemberId, Instant> vetoes = new LinkedHashMap<>();
  final List<MemberId> beneficiaries = new ArrayList<>();
  MemberId author;
  Instant now = OPENED;
  OptionalLong amount = OptionalLong.empty();
  Optional<Instant> conditionsMetAt = Optional.empty();

  static MemberId id(String name) {
    StringBuilder hex = new StringBuilder();
    for (char c : name.toCharArray()) {
      hex.append(String.format("%02x", (int) c & 0xff));
    }
    while (hex.length() < 32) {
      hex.append('0');
    }
    return new MemberId(hex.substring(0, 32));
  }

  /** Adds a member with roles; every member is an eligible voter of weight 1. */
  MapContext member(String name, String... memberRoles) {
    MemberId id = id(name);
    names.put(id, name);
    roles.put(id, List.of(memberRoles));
    weights.put(id, 1L);
    if (author == null) {
      author = id;
    }
    return this;
  }

  MapContext author(String name) {
    author = id(name);
    return this;
  }

  MapContext beneficiary(String name) {
    beneficiaries.add(id(name));
    return this;
  }

  MapContext approve(String name, Duration afterOpening) {
    approvals.put(id(name), OPENED.plus(afterOpening));
    return this;
  }

  MapContext approve(String... names) {
    for (String name : names) {
      approve(name, Duration.ZERO);
    }
    return this;
  }

  MapContext vote(String name, Ballot ballot) {
    ballots.put(id(name), ballot);
    return this;
  }

  MapContext veto(String name, Duration afterOpening) {
    vetoes.put(id(name), OPENED.plus(afterOpening));
    return this;
  }

  MapContext at(Duration afterOpening) {
    now = OPENED.plus(afterOpening);
    return this;
  }

  MapContext amount(long minorUnits) {
    amount = OptionalLong.of(minorUnits);
    return this;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public MemberId author() {
    return author;
  }

  @Override
  public List<MemberId> membersWithRole(String role) {
    return roles.entrySet().stream()
        .filter(e -> e.getValue().contains(role))
        .map(Map.Entry::getKey)
        .toList();
  }

  @Override
  public List<MemberId> members() {
    return List.copyOf(names.keySet());
  }

  @Override
  public Optional<MemberId> resolveMember(String ref) {
    return names.entrySet().stream()
        .filter(e -> e.getValue().equals(ref) || e.getKey().hex().equals(ref))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  @Override
  public String describe(MemberId member) {
    return names.getOrDefault(member, member.hex());
  }

  @Override
  public List<MemberId> beneficiaries() {
    return List.copyOf(beneficiaries);
  }

  @Override
  public Map<MemberId, Instant> approvals() {
    return approvals;
  }

  @Override
  public OptionalLong amount() {
    return amount;
  }

  @Override
  public Optional<String> currency() {
    return amount.isPresent() ? Optional.of("EUR") : Optional.empty();
  }

  @Override
  public Instant openedAt() {
    return OPENED;
  }

  @Override
  public Map<MemberId, Long> voterWeights(Clause.Vote vote) {
    return weights;
  }

  @Override
  public Map<MemberId, Ballot> ballots() {
    return ballots;
  }

  @Override
  public Map<MemberId, Instant> vetoes() {
    return vetoes;
  }

  @Override
  public Optional<Instant> conditionsMetAt() {
    return conditionsMetAt;
  }
}
