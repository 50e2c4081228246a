package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.split.Split;

/**
 * The rules of named splits and routing (docs/money.md): what a split or route change needs to be
 * valid, whom it benefits, and what it does.
 *
 * <p>Who benefits decides who must approve under {@code all(beneficiaries)}: every member whose
 * part of some revenue changes. For a split change, the members whose share in that split changes;
 * for a route change, the members whose share differs between the split the routed revenue goes to
 * now and the one it would go to. A member therefore cannot redirect revenue away from anyone, nor
 * towards themselves, without the approval of everyone it moves money from or to.
 */
final class MoneyRules {
  private MoneyRules() {}

  /** The members whose part changes if {@code change} is adopted, sorted. */
  static List<KeyId> beneficiaries(CoopState state, Governed.SplitChange change) {
    return changed(shares(state, change.name()), change.shares());
  }

  /** The members whose part of the routed revenue changes if {@code change} is adopted, sorted. */
  static List<KeyId> beneficiaries(CoopState state, Governed.RouteChange change) {
    String before = state.money().targetOf(change.source());
    String after = state.money().targetAfter(change);
    return changed(shares(state, before), shares(state, after));
  }

  /** Rejects a route that leads to no split. */
  static void validate(CoopState state, Governed.RouteChange change) {
    if (!change.remove() && !change.split().isEmpty() && state.split(change.split()).isEmpty()) {
      throw new Rejection(
          RejectionCode.UNKNOWN_SPLIT,
          "the route for "
              + change.source()
              + " names split '"
              + change.split()
              + "', which the co-op has not adopted; adopt it with a split proposal first");
    }
  }

  /** Adopts the split change (a new version of the default or a named split); returns a summary. */
  static String adopt(StateMachine.Step step, Governed.SplitChange change) {
    CoopState.Builder next = step.next;
    if (change.name().isEmpty()) {
      int version = next.splits().size() + 1;
      next.splits().add(new Split(version, step.now, change.shares()));
      return "split v" + version + " in force";
    }
    int version = next.money().splits().getOrDefault(change.name(), List.of()).size() + 1;
    next.money(
        next.money().withSplit(change.name(), new Split(version, step.now, change.shares())));
    return "split " + change.name() + " v" + version + " in force";
  }

  /** Puts the route change in force; returns a summary. */
  static String route(StateMachine.Step step, Governed.RouteChange change) {
    step.next.money(step.next.money().withRoute(change));
    String target = change.split().isEmpty() ? "the default split" : "split " + change.split();
    return change.remove()
        ? "revenue from " + change.source() + " no longer has a route of its own"
        : "revenue from " + change.source() + " goes to " + target;
  }

  /** The named split (or the default split) that {@code member} has a share in, if any. */
  static java.util.Optional<String> splitWithShare(CoopState state, KeyId member) {
    if (state.currentSplit().map(sp -> sp.basisPointsOf(member)).orElse(0) > 0) {
      return java.util.Optional.of("the default split");
    }
    for (String name : state.money().splits().keySet()) {
      if (state.money().split(name).orElseThrow().basisPointsOf(member) > 0) {
        return java.util.Optional.of("split " + name);
      }
    }
    return java.util.Optional.empty();
  }

  private static List<Share> shares(CoopState state, String split) {
    return state.split(split).map(Split::shares).orElse(List.of());
  }

  private static List<KeyId> changed(List<Share> before, List<Share> after) {
    SortedMap<KeyId, Integer> old = new TreeMap<>();
    before.forEach(s -> old.put(s.member(), s.basisPoints()));
    SortedMap<KeyId, Integer> next = new TreeMap<>();
    after.forEach(s -> next.put(s.member(), s.basisPoints()));
    TreeSet<KeyId> out = new TreeSet<>();
    old.forEach(
        (k, bp) -> {
          if (!bp.equals(next.get(k))) {
            out.add(k);
          }
        });
    next.forEach(
        (k, bp) -> {
          if (!bp.equals(old.get(k))) {
            out.add(k);
          }
        });
    return new ArrayList<>(out);
  }
}
