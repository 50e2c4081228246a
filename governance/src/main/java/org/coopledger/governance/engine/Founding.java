package org.coopledger.governance.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Balances;
import org.coopledger.governance.split.Money;
import org.coopledger.governance.split.Split;

/** Turns a genesis into the first state. Signatures have been checked by the caller. */
final class Founding {
  private Founding() {}

  static CoopState found(Entry entry, Genesis genesis, long now) {
    SortedMap<MemberId, Member> members = new TreeMap<>();
    SortedMap<KeyId, MemberId> keyOwners = new TreeMap<>();
    Set<String> names = new HashSet<>();
    for (NewMember founder : genesis.founders()) {
      if (members.containsKey(founder.id())) {
        throw new Rejection(
            RejectionCode.DUPLICATE_MEMBER, "founder key " + founder.id() + " is listed twice");
      }
      if (!names.add(founder.displayName().toLowerCase(Locale.ROOT))) {
        throw new Rejection(
            RejectionCode.DUPLICATE_MEMBER,
            "two founders are called '"
                + founder.displayName()
                + "'; display names must differ (clauses name members by them)");
      }
      long nonce = founder.publicKey().id().equals(entry.author()) ? entry.nonce() : 0;
      members.put(
          founder.id(),
          new Member(
              founder.id(),
              founder.publicKey(),
              founder.displayName(),
              founder.roles(),
              nonce,
              true));
      keyOwners.put(founder.publicKey().id(), founder.id());
    }
    String rulebook =
        genesis.rulebook().isBlank()
            ? DefaultRulebook.rulebook().text()
            : Rulebook.parse(genesis.rulebook()).text();
    List<Split> splits = List.of();
    if (!genesis.initialSplit().isEmpty()) {
      for (Share share : genesis.initialSplit()) {
        if (!members.containsKey(share.member())) {
          throw new Rejection(
              RejectionCode.UNKNOWN_MEMBER,
              "the initial split gives a share to " + share.member() + ", who is not a founder");
        }
      }
      splits = List.of(new Split(1, now, genesis.initialSplit()));
    }
    return new CoopState(
        entry.coopId(),
        genesis.name(),
        rulebook,
        members,
        keyOwners,
        new TreeMap<>(),
        splits,
        Balances.empty(),
        Money.empty(),
        now);
  }
}
