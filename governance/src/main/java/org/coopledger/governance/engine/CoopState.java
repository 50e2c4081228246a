package org.coopledger.governance.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Balances;
import org.coopledger.governance.split.Money;
import org.coopledger.governance.split.Split;

/**
 * The whole state of one co-op after some prefix of its ledger: identity, members, rulebook,
 * proposals, split versions and balances. Immutable and thread-safe; every collection is sorted by
 * a defined key, so {@link #encode()} is canonical and {@link #digest()} compares two replays byte
 * for byte.
 */
public final class CoopState {
  private static final AtomicLong MEMBERSHIPS = new AtomicLong();

  private static final CoopState EMPTY =
      new CoopState(
          "",
          "",
          "",
          new TreeMap<>(),
          new TreeMap<>(),
          new TreeMap<>(),
          List.of(),
          Balances.empty(),
          Money.empty(),
          0,
          new TreeMap<>());

  private final String coopId;
  private final String name;
  private final String rulebook;
  private final SortedMap<MemberId, Member> members;
  private final SortedMap<KeyId, MemberId> keyOwners;
  private final SortedMap<EntryId, Proposal> proposals;
  private final List<Split> splits;
  private final Balances balances;
  private final Money money;
  private final long lastAcceptedAt;
  private final SortedMap<String, NetworkNode> nodes;
  private final Rulebook parsedRulebook;

  // Derived data kept beside the canonical content: never encoded, never compared, and always
  // equal to what computing it afresh gives (see the property tests in LedgerProperties).

  /**
   * Changes whenever members (other than their nonces), key owners, splits or the rulebook may have
   * changed: what a vote's electorate and weights are computed from. Unique per JVM, so two states
   * share one only if one descends from the other with none of those changed.
   */
  private final long membership;

  /** Each open proposal's vote tallies, valid as {@link Tallies#reflects} says. */
  private final Map<EntryId, Tallies> tallies;

  /** Encoded members and proposals of this state or an ancestor, reused for those not changed. */
  private volatile StateCodec.Encoded encoded;

  private volatile byte[] digest;

  CoopState(
      String coopId,
      String name,
      String rulebook,
      SortedMap<MemberId, Member> members,
      SortedMap<KeyId, MemberId> keyOwners,
      SortedMap<EntryId, Proposal> proposals,
      List<Split> splits,
      Balances balances,
      Money money,
      long lastAcceptedAt,
      SortedMap<String, NetworkNode> nodes) {
    this.coopId = coopId;
    this.name = name;
    this.rulebook = rulebook;
    this.members = Collections.unmodifiableSortedMap(members);
    this.keyOwners = Collections.unmodifiableSortedMap(keyOwners);
    this.proposals = Collections.unmodifiableSortedMap(proposals);
    this.splits = List.copyOf(splits);
    this.balances = balances;
    this.money = money;
    this.lastAcceptedAt = lastAcceptedAt;
    this.nodes = Collections.unmodifiableSortedMap(nodes);
    this.parsedRulebook = rulebook.isEmpty() ? null : Rulebook.parse(rulebook);
    this.membership = MEMBERSHIPS.incrementAndGet();
    this.tallies = Map.of();
    this.encoded = StateCodec.Encoded.NONE;
  }

  private CoopState(Builder b, Rulebook parsed) {
    this.coopId = b.coopId;
    this.name = b.name;
    this.rulebook = b.rulebook;
    // Maps the entry did not touch are shared with the previous state, not wrapped again.
    this.members =
        b.members == null ? b.from.members : Collections.unmodifiableSortedMap(b.members);
    this.keyOwners =
        b.keyOwners == null ? b.from.keyOwners : Collections.unmodifiableSortedMap(b.keyOwners);
    this.proposals =
        b.proposals == null ? b.from.proposals : Collections.unmodifiableSortedMap(b.proposals);
    this.splits = b.splits == null ? b.from.splits : List.copyOf(b.splits);
    this.balances = b.balances;
    this.money = b.money;
    this.lastAcceptedAt = b.lastAcceptedAt;
    this.nodes = b.nodes == null ? b.from.nodes : Collections.unmodifiableSortedMap(b.nodes);
    this.parsedRulebook = parsed;
    this.membership = b.membershipChanged ? MEMBERSHIPS.incrementAndGet() : b.from.membership;
    this.tallies = b.tallies == null ? b.from.tallies : Collections.unmodifiableMap(b.tallies);
    this.encoded = b.from.encoded;
  }

  /** The state before genesis. */
  public static CoopState empty() {
    return EMPTY;
  }

  public boolean isFounded() {
    return !coopId.isEmpty();
  }

  /** The co-op id ("" before genesis). */
  public String coopId() {
    return coopId;
  }

  public String name() {
    return name;
  }

  /** The rulebook text in force. */
  public String rulebook() {
    return rulebook;
  }

  /** The rulebook in force, parsed. Only for a founded co-op. */
  public Rulebook parsedRulebook() {
    if (parsedRulebook == null) {
      throw new IllegalStateException("an unfounded co-op has no rulebook");
    }
    return parsedRulebook;
  }

  /** Every member ever admitted (removed ones with {@code active == false}), by member id. */
  public SortedMap<MemberId, Member> members() {
    return members;
  }

  /** Current (not removed) members, by member id. */
  public List<Member> activeMembers() {
    return members.values().stream().filter(Member::active).toList();
  }

  public Optional<Member> member(MemberId memberId) {
    return Optional.ofNullable(members.get(memberId));
  }

  /** Every key id ever used (current or dead) to the id of the member who held it. */
  public SortedMap<KeyId, MemberId> keyOwners() {
    return keyOwners;
  }

  /** The active member whose current key has id {@code keyId}. */
  public Optional<Member> memberWithCurrentKey(KeyId keyId) {
    MemberId owner = keyOwners.get(keyId);
    Member m = owner == null ? null : members.get(owner);
    return m != null && m.active() && m.key().id().equals(keyId)
        ? Optional.of(m)
        : Optional.empty();
  }

  public SortedMap<EntryId, Proposal> proposals() {
    return proposals;
  }

  public Optional<Proposal> proposal(EntryId id) {
    return Optional.ofNullable(proposals.get(id));
  }

  /** Every split version, oldest first. */
  public List<Split> splits() {
    return splits;
  }

  /** The split in force, if any was adopted. */
  public Optional<Split> currentSplit() {
    return splits.isEmpty() ? Optional.empty() : Optional.of(splits.get(splits.size() - 1));
  }

  public Balances balances() {
    return balances;
  }

  /** Named splits and routing rules (empty for a co-op with only the default split). */
  public Money money() {
    return money;
  }

  /** The version in force of the split named {@code name} ("" = the default split). */
  public Optional<Split> split(String name) {
    return name.isEmpty() ? currentSplit() : money.split(name);
  }

  /** The name of the split the revenue of {@code source} goes to ("" = the default split). */
  public String splitNameFor(String source) {
    return money.splitFor(source);
  }

  /**
   * The nodes of the co-op's network by name: founded at genesis, changed only by executed {@code
   * nodes} proposals. Empty for a co-op without a network (one unnamed node).
   */
  public SortedMap<String, NetworkNode> nodes() {
    return nodes;
  }

  /**
   * The accepted time of the last entry that took effect (0 before genesis). Time on the ledger
   * never goes back: an entry takes effect at the later of its stamped time and this one.
   */
  public long lastAcceptedAt() {
    return lastAcceptedAt;
  }

  /**
   * The canonical binary encoding (see {@link StateCodec}). Members and proposals unchanged since
   * the last encoding of this state or an ancestor are not encoded again; the bytes are the same.
   */
  public byte[] encode() {
    StateCodec.Encoded fresh = StateCodec.encode(this, encoded);
    encoded = fresh; // of its bytes, only their length is read again: callers may keep them
    return fresh.bytes();
  }

  /** Reads {@link #encode()}'s output, refusing anything that is not canonical. */
  public static CoopState decode(byte[] bytes) {
    return StateCodec.decode(bytes);
  }

  /** SHA-256 of {@link #encode()}, computed once per state. */
  public byte[] digest() {
    byte[] d = digest;
    if (d == null) {
      try {
        d = MessageDigest.getInstance("SHA-256").digest(encode());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every Java platform", e);
      }
      digest = d;
    }
    return d.clone();
  }

  long membership() {
    return membership;
  }

  /** The tallies kept for proposal {@code id}, if any (check {@link Tallies#reflects}). */
  Tallies tallies(EntryId id) {
    return tallies.get(id);
  }

  /** Lowercase hex of {@link #digest()}. */
  public String digestHex() {
    return java.util.HexFormat.of().formatHex(digest());
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoopState other && java.util.Arrays.equals(encode(), other.encode());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(digest());
  }

  @Override
  public String toString() {
    return isFounded()
        ? "co-op "
            + coopId
            + " ("
            + members.size()
            + " members, "
            + proposals.size()
            + " proposals)"
        : "unfounded co-op";
  }

  /**
   * A copy-on-write view used while applying one entry; never escapes the state machine. A
   * collection is copied the first time the entry changes it, so an entry that touches only
   * balances does not copy every proposal.
   */
  static final class Builder {
    String coopId;
    String name;
    String rulebook;
    Balances balances;
    long lastAcceptedAt;
    private Money money;
    private final CoopState from;
    private SortedMap<MemberId, Member> members;
    private SortedMap<KeyId, MemberId> keyOwners;
    private SortedMap<EntryId, Proposal> proposals;
    private java.util.ArrayList<Split> splits;
    private SortedMap<String, NetworkNode> nodes;
    private Map<EntryId, Tallies> tallies;
    private boolean membershipChanged;

    private Builder(CoopState s) {
      from = s;
      coopId = s.coopId;
      name = s.name;
      rulebook = s.rulebook;
      balances = s.balances;
      money = s.money;
      lastAcceptedAt = s.lastAcceptedAt;
    }

    Money money() {
      return money;
    }

    /** Replaces named splits and routes, which decide who benefits from split proposals. */
    void money(Money changed) {
      membershipChanged = true;
      money = changed;
    }

    /** Records units sold of a drop, on which no proposal's beneficiaries or electorate depend. */
    void sold(Money changed) {
      money = changed;
    }

    /** The members, to change: anything about them but their nonces (see {@link #nonce}). */
    SortedMap<MemberId, Member> members() {
      membershipChanged = true;
      return membersToChange();
    }

    /** Records a member's last accepted nonce, which no vote's electorate depends on. */
    void nonce(MemberId member, long nonce) {
      SortedMap<MemberId, Member> m = membersToChange();
      m.put(member, m.get(member).withNonce(nonce));
    }

    private SortedMap<MemberId, Member> membersToChange() {
      if (members == null) {
        members = new TreeMap<>(from.members);
      }
      return members;
    }

    SortedMap<KeyId, MemberId> keyOwners() {
      membershipChanged = true;
      if (keyOwners == null) {
        keyOwners = new TreeMap<>(from.keyOwners);
      }
      return keyOwners;
    }

    /**
     * Keeps {@code t} as proposal {@code id}'s tallies (null: none), for the next entry on it to
     * update instead of counting every ballot again.
     */
    void tallies(EntryId id, Tallies t) {
      if (tallies == null) {
        tallies = new java.util.HashMap<>(from.tallies);
      }
      if (t == null) {
        tallies.remove(id);
      } else {
        tallies.put(id, t);
      }
    }

    SortedMap<EntryId, Proposal> proposals() {
      if (proposals == null) {
        proposals = new TreeMap<>(from.proposals);
      }
      return proposals;
    }

    java.util.List<Split> splits() {
      membershipChanged = true;
      if (splits == null) {
        splits = new java.util.ArrayList<>(from.splits);
      }
      return splits;
    }

    SortedMap<String, NetworkNode> nodes() {
      if (nodes == null) {
        nodes = new TreeMap<>(from.nodes);
      }
      return nodes;
    }

    CoopState build() {
      // The rulebook is parsed again only when it changed.
      return rulebook.equals(from.rulebook)
          ? new CoopState(this, from.parsedRulebook)
          : new CoopState(
              coopId,
              name,
              rulebook,
              new TreeMap<>(members()),
              new TreeMap<>(keyOwners()),
              new TreeMap<>(proposals()),
              splits(),
              balances,
              money,
              lastAcceptedAt,
              new TreeMap<>(nodes()));
    }
  }
}
