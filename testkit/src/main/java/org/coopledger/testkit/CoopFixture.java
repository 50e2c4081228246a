package org.coopledger.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coopledger.governance.action.Action;
import org.coopledger.governance.action.Approve;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Execute;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Veto;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.action.WithdrawApproval;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.SigningKey;

/**
 * A co-op whose members' keys are derived from their names, and a signer that keeps each member's
 * nonce. {@link #demo()} is alice, bob and carol (creators; bob is also a treasurer), tess
 * (treasurer) and audrey (auditor).
 *
 * <p>Not thread-safe: it counts nonces and follows key rotations as entries are made (it assumes
 * every entry it signs will be accepted).
 */
public final class CoopFixture {
  /** A founder: name and roles. */
  public record Person(String name, List<String> roles) {
    public Person {
      roles = List.copyOf(roles);
    }
  }

  /** The demo co-op's founders. */
  public static final List<Person> DEMO_PEOPLE =
      List.of(
          new Person("alice", List.of("creator")),
          new Person("bob", List.of("creator", "treasurer")),
          new Person("carol", List.of("creator")),
          new Person("tess", List.of("treasurer")),
          new Person("audrey", List.of("auditor")));

  /** How long after its creation an entry the fixture signs may be accepted, unless told. */
  public static final long DEFAULT_EXPIRY_MILLIS = 10 * 60_000L;

  /** 2026-01-01T00:00:00Z: when demo entries start. */
  public static final long DEMO_START = 1_767_225_600_000L;

  private final String coopId;
  private final String coopName;
  private final List<Person> founders;
  private final Map<String, SigningKey> keys = new HashMap<>();
  private final Map<String, MemberId> memberIds = new LinkedHashMap<>();
  private final Map<String, Long> nonces = new HashMap<>();
  private final Map<String, Integer> generations = new HashMap<>();
  private long clock;
  private boolean live;

  public CoopFixture(String coopId, String coopName, List<Person> founders, long start) {
    this.coopId = coopId;
    this.coopName = coopName;
    this.founders = List.copyOf(founders);
    this.clock = start;
    for (Person p : founders) {
      addKey(p.name());
    }
  }

  public static CoopFixture demo() {
    return new CoopFixture("demo-coop", "Demo Co-op", DEMO_PEOPLE, DEMO_START);
  }

  /**
   * The demo co-op dated by the wall clock, for entries that a running node accepts (it stamps its
   * own clock's time, which must lie within what each entry's author signed): each entry is created
   * at the current time, at least a millisecond after the previous one.
   */
  public static CoopFixture demoLive() {
    CoopFixture coop =
        new CoopFixture("demo-coop", "Demo Co-op", DEMO_PEOPLE, System.currentTimeMillis());
    coop.live = true;
    return coop;
  }

  /**
   * The key of {@code name}'s {@code generation}-th key (0 = the first) in co-op {@code coopId}.
   */
  public static SigningKey derivedKey(String coopId, String name, int generation) {
    try {
      byte[] seed =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("coopledger-fixture/" + coopId + "/" + name + "/" + generation).getBytes(UTF_8));
      return SigningKey.fromSeed(seed);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Makes a key for someone who is not a founder (to admit them later). */
  public SigningKey addKey(String name) {
    SigningKey key = derivedKey(coopId, name, 0);
    keys.put(name, key);
    memberIds.put(name, MemberId.joiningWith(key.id()));
    generations.put(name, 0);
    return key;
  }

  public String coopId() {
    return coopId;
  }

  /** {@code name}'s current key. */
  public SigningKey key(String name) {
    SigningKey key = keys.get(name);
    if (key == null) {
      throw new IllegalArgumentException("the fixture knows nobody called " + name);
    }
    return key;
  }

  /** {@code name}'s member id (the id of their first key). */
  public MemberId id(String name) {
    key(name);
    return memberIds.get(name);
  }

  public NewMember newMember(String name, List<String> roles) {
    return new NewMember(key(name).publicKey(), name, roles);
  }

  /**
   * The creation time the next entry gets; advances by one second per entry (for {@link
   * #demoLive()}: follows the wall clock).
   */
  public long clock() {
    return clock;
  }

  public void setClock(long millis) {
    this.clock = millis;
  }

  /** The genesis signed by every founder (the first founder is its author). */
  public byte[] genesis(String rulebook, List<Share> initialSplit) {
    return genesis(rulebook, initialSplit, List.of());
  }

  /** The genesis of a co-op with a network of {@code nodes}, signed by every founder. */
  public byte[] genesis(String rulebook, List<Share> initialSplit, List<NetworkNode> nodes) {
    List<NewMember> members = new ArrayList<>();
    for (Person p : founders) {
      members.add(newMember(p.name(), p.roles()));
    }
    String author = founders.get(0).name();
    long created = tick();
    Entry entry =
        new Entry(
            coopId,
            key(author).id(),
            nextNonce(author),
            created,
            created + DEFAULT_EXPIRY_MILLIS,
            new Genesis(coopName, members, rulebook, initialSplit, nodes));
    byte[] signed = EntrySigner.sign(entry, key(author));
    for (Person p : founders.subList(1, founders.size())) {
      signed = EntrySigner.cosign(signed, key(p.name()));
    }
    return signed;
  }

  /**
   * A node named {@code name} with a key derived from its name (as members' keys are) and a Raft
   * address on 127.0.0.1.
   */
  public NetworkNode node(String name, int raftPort) {
    return new NetworkNode(name, nodeKey(name).publicKey(), "127.0.0.1:" + raftPort);
  }

  /** The key of the node named {@code name} (derived from the co-op id and the name). */
  public SigningKey nodeKey(String name) {
    return derivedKey(coopId, "node/" + name, 0);
  }

  /** The genesis with the default rulebook and no split. */
  public byte[] genesis() {
    return genesis("", List.of());
  }

  /**
   * {@code action} by {@code author}, with their next nonce, expiring {@link
   * #DEFAULT_EXPIRY_MILLIS} after its creation.
   */
  public byte[] sign(String author, Action action) {
    return sign(author, action, 0);
  }

  /** As {@link #sign(String, Action)}, expiring at {@code expiresAtMillis} unless that is 0. */
  public byte[] sign(String author, Action action, long expiresAtMillis) {
    long created = tick();
    long expires = expiresAtMillis == 0 ? created + DEFAULT_EXPIRY_MILLIS : expiresAtMillis;
    Entry entry = new Entry(coopId, key(author).id(), nextNonce(author), created, expires, action);
    return EntrySigner.sign(entry, key(author));
  }

  /** {@code name} rotates to their next derived key; the fixture signs with it from now on. */
  public byte[] rotateKey(String name) {
    int generation = generations.get(name) + 1;
    SigningKey next = derivedKey(coopId, name, generation);
    long created = tick();
    Entry entry =
        new Entry(
            coopId,
            key(name).id(),
            nextNonce(name),
            created,
            created + DEFAULT_EXPIRY_MILLIS,
            new RotateKey(next.publicKey()));
    byte[] signed = EntrySigner.sign(entry, key(name), next);
    keys.put(name, next);
    generations.put(name, generation);
    return signed;
  }

  public byte[] propose(String author, String title, Governed governed) {
    return sign(author, new CreateProposal(title, "", governed));
  }

  public byte[] approve(String author, EntryId proposal) {
    return sign(author, new Approve(proposal));
  }

  public byte[] withdraw(String author, EntryId proposal) {
    return sign(author, new WithdrawApproval(proposal));
  }

  public byte[] vote(String author, EntryId proposal, VoteChoice choice) {
    return sign(author, new CastVote(proposal, choice, ""));
  }

  public byte[] veto(String author, EntryId proposal, String reason) {
    return sign(author, new Veto(proposal, reason));
  }

  public byte[] execute(String author, EntryId proposal) {
    return sign(author, new Execute(proposal));
  }

  public byte[] revenue(String author, long amountMinor, String currency, String source) {
    return sign(author, new RecordRevenue(amountMinor, currency, source, ""));
  }

  /** A sale of {@code units} of a defined drop (its source {@code drop:<name>}). */
  public byte[] revenue(
      String author, long amountMinor, String currency, String source, long units) {
    return sign(author, new RecordRevenue(amountMinor, currency, source, "", units));
  }

  /**
   * Subscription revenue of membership tier {@code tier} paid in {@code region}: {@code months}
   * subscriber-months (its source {@code subscription:<tier>}).
   */
  public byte[] subscription(
      String author, long amountMinor, String currency, String tier, String region, long months) {
    return sign(
        author,
        new RecordRevenue(amountMinor, currency, "subscription:" + tier, "", months, region));
  }

  /**
   * Another entry by the author of {@code signedEntry} with the same nonce (and times) but {@code
   * action}, signed with the author's current key: a replay of that nonce, which the rules refuse
   * once {@code signedEntry} is accepted. Does not advance the author's nonce.
   */
  public byte[] reusingNonce(byte[] signedEntry, Action action) {
    Entry first = EntryCodec.decode(signedEntry).entry();
    Entry other =
        new Entry(
            first.coopId(),
            first.author(),
            first.nonce(),
            first.createdAtMillis(),
            first.expiresAtMillis(),
            action);
    SigningKey author =
        keys.values().stream()
            .filter(k -> k.publicKey().id().equals(first.author()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("not a key of this fixture"));
    return EntrySigner.sign(other, author);
  }

  /** The id of a signed entry (for a create-proposal entry: the proposal's id). */
  public static EntryId idOf(byte[] signedEntry) {
    return EntryCodec.decode(signedEntry).id();
  }

  private long nextNonce(String author) {
    return nonces.merge(author, 1L, Long::sum);
  }

  private long tick() {
    if (live) {
      long now = Math.max(clock, System.currentTimeMillis());
      clock = now + 1;
      return now;
    }
    long now = clock;
    clock += 1000;
    return now;
  }
}
