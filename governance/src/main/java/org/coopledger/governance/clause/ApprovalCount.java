package org.coopledger.governance.clause;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.coopledger.governance.clause.Clause.Approval;
import org.coopledger.governance.crypto.MemberId;

/**
 * Counts approvals for one {@link Approval}. The eligible set is the union of the groups, each
 * minus the author and the beneficiaries when the group {@link Group#separatesDuties() separates
 * duties} (unless {@code allow-interested}). An approval counts if it is not later than now and,
 * with {@code within d}, if now is before its time plus d.
 */
final class ApprovalCount {
  private ApprovalCount() {}

  static Verdict evaluate(
      Approval approval, ClauseContext context, SortedMap<MemberId, Instant> all) {
    Instant now = context.now();
    SortedSet<MemberId> interested = new TreeSet<>(context.beneficiaries());
    interested.add(context.author());
    SortedSet<MemberId> eligible = new TreeSet<>();
    List<String> unknown = new ArrayList<>();
    boolean excluded = false;
    for (Group group : approval.groups()) {
      List<MemberId> members = resolve(group, context, unknown);
      boolean separate = group.separatesDuties() && !approval.allowInterested();
      for (MemberId member : members) {
        if (separate && interested.contains(member)) {
          excluded = true;
        } else {
          eligible.add(member);
        }
      }
    }
    SortedSet<MemberId> approved = new TreeSet<>();
    int expired = 0;
    for (MemberId member : eligible) {
      Instant at = all.get(member);
      if (at == null || at.isAfter(now)) {
        continue;
      }
      if (approval.within().isPresent()
          && !now.isBefore(Times.plus(at, approval.within().get().duration()))) {
        expired++;
      } else {
        approved.add(member);
      }
    }
    String from = describe(approval, excluded, unknown, expired);
    return switch (approval.quantifier()) {
      case Quantifier.All ignored -> {
        if (eligible.isEmpty()) {
          yield Verdict.pending("no member can approve: " + from);
        }
        SortedSet<MemberId> waiting = new TreeSet<>(eligible);
        waiting.removeAll(approved);
        yield waiting.isEmpty()
            ? Verdict.holds()
            : Verdict.pending(
                "needs approval from "
                    + waiting.stream().map(context::describe).collect(Collectors.joining(", "))
                    + " ("
                    + from
                    + ")");
      }
      case Quantifier.Any ignored -> atLeast(1, approved.size(), eligible.size(), from);
      case Quantifier.AtLeast atLeast ->
          atLeast(atLeast.k(), approved.size(), eligible.size(), from);
    };
  }

  private static Verdict atLeast(int k, int approved, int eligible, String from) {
    if (approved >= k) {
      return Verdict.holds();
    }
    int more = k - approved;
    String line = "needs " + more + " more approval" + (more == 1 ? "" : "s") + " from " + from;
    if (eligible < k) {
      line += "; only " + eligible + " member" + (eligible == 1 ? " is" : "s are") + " eligible";
    }
    return Verdict.pending(line);
  }

  private static List<MemberId> resolve(Group group, ClauseContext context, List<String> unknown) {
    return switch (group) {
      case Group.Role role -> context.membersWithRole(role.name());
      case Group.Member member -> {
        Optional<MemberId> resolved = context.resolveMember(member.ref());
        if (resolved.isEmpty()) {
          unknown.add(ClausePrinter.group(member));
        }
        yield resolved.map(List::of).orElse(List.of());
      }
      case Group.Beneficiaries ignored -> context.beneficiaries();
      case Group.AllMembers ignored -> context.members();
    };
  }

  private static String describe(
      Approval approval, boolean excluded, List<String> unknown, int expired) {
    StringBuilder text =
        new StringBuilder(
            approval.groups().stream().map(ClausePrinter::group).collect(Collectors.joining(", ")));
    List<String> notes = new ArrayList<>();
    if (excluded) {
      notes.add("excluding the author and beneficiaries");
    }
    for (String ref : unknown) {
      notes.add(ref + " names no current member");
    }
    if (expired > 0) {
      notes.add(
          expired
              + " approval"
              + (expired == 1 ? " has" : "s have")
              + " expired; approvals count for "
              + approval.within().orElseThrow());
    }
    if (!notes.isEmpty()) {
      text.append(" (").append(String.join("; ", notes)).append(')');
    }
    return text.toString();
  }

  /** Sorted copy of the context's approvals, so that iteration order never depends on it. */
  static SortedMap<MemberId, Instant> sorted(Map<MemberId, Instant> approvals) {
    return new TreeMap<>(approvals);
  }
}
