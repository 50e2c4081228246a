package org.coopledger.testnet.load;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.testkit.CoopFixture;

/**
 * A co-op of {@code members} bench members (keys derived from the co-op id and their names, as in
 * {@link CoopFixture}, so anyone can rebuild them: never use them for a real co-op) and the entries
 * of a vote-heavy load: a genesis signed by every founder, one decision proposal, then votes in
 * which every member casts and changes their ballot with increasing nonces.
 *
 * <p>Nonces start at {@code nonceBase + 1}; pass a base above every nonce used before (for example
 * derived from the wall clock) to run another load against a co-op that an earlier run founded.
 */
public final class VoteLoad {
  /** A genesis carries at most this many signatures, so the co-op has at most this many members. */
  public static final int MAX_MEMBERS = EntryCodec.MAX_SIGNATURES;

  private static final VoteChoice[] CHOICES = {VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN};

  /** Load entries are signed ahead of a run; they may be accepted for a day. */
  private static final long EXPIRY_MILLIS = 24 * 3_600_000L;

  private final String coopId;
  private final List<SigningKey> keys;
  private final long nonceBase;
  private final long createdAt;

  private VoteLoad(String coopId, List<SigningKey> keys, long nonceBase, long createdAt) {
    this.coopId = coopId;
    this.keys = keys;
    this.nonceBase = nonceBase;
    this.createdAt = createdAt;
  }

  /**
   * @param members 1 to {@value #MAX_MEMBERS}
   * @param nonceBase every entry's nonce is above this (0 for a fresh co-op)
   * @param createdAt the creation time written into the entries (milliseconds)
   */
  public static VoteLoad of(String coopId, int members, long nonceBase, long createdAt) {
    if (members < 1 || members > MAX_MEMBERS) {
      throw new IllegalArgumentException(
          "members must be 1.."
              + MAX_MEMBERS
              + " (a genesis carries at most that many signatures)");
    }
    if (nonceBase < 0) {
      throw new IllegalArgumentException("the nonce base must not be negative");
    }
    List<SigningKey> keys =
        IntStream.range(0, members)
            .mapToObj(i -> CoopFixture.derivedKey(coopId, name(i), 0))
            .toList();
    return new VoteLoad(coopId, keys, nonceBase, createdAt);
  }

  /** The display name of member {@code i}: {@code bench-0000}, {@code bench-0001}, ... */
  public static String name(int i) {
    return String.format(java.util.Locale.ROOT, "bench-%04d", i);
  }

  public String coopId() {
    return coopId;
  }

  public int members() {
    return keys.size();
  }

  /** The genesis: every member a founder (role {@code creator}), signed by all of them. */
  public byte[] genesis() {
    return genesis(List.of());
  }

  /**
   * The genesis of a co-op whose network is {@code nodes} (the default witness policy: a majority
   * of them): every member a founder, signed by all of them.
   */
  public byte[] genesis(List<NetworkNode> nodes) {
    List<NewMember> founders = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      founders.add(new NewMember(keys.get(i).publicKey(), name(i), List.of("creator")));
    }
    Entry entry =
        new Entry(
            coopId,
            keys.get(0).id(),
            nonceBase + 1,
            createdAt,
            createdAt + EXPIRY_MILLIS,
            new Genesis("Bench co-op " + coopId, founders, "", List.of(), nodes));
    return EntrySigner.sign(entry, keys.toArray(SigningKey[]::new));
  }

  /**
   * A decision proposal by member 0 (nonce {@code nonceBase + 2}: above the genesis's); every
   * member may vote on it for the default rulebook's seven days.
   */
  public byte[] proposal(String title) {
    Entry entry =
        new Entry(
            coopId,
            keys.get(0).id(),
            nonceBase + 2,
            createdAt,
            createdAt + EXPIRY_MILLIS,
            new CreateProposal(title, "", new Governed.Decision()));
    return EntrySigner.sign(entry, keys.get(0));
  }

  /**
   * Signed votes {@code from} to {@code from + count - 1} on {@code proposal}, signed on all cores.
   * Vote {@code k} is by member {@link #authorOf authorOf(k)} with that member's {@code (k /
   * members)}-th nonce after the proposal's; its choice cycles yes, no, abstain, so that members
   * keep changing their ballot.
   */
  public List<byte[]> votes(EntryId proposal, int from, int count) {
    return IntStream.range(from, from + count).parallel().mapToObj(k -> vote(proposal, k)).toList();
  }

  /** Member {@code i}'s public key. */
  public PublicKey publicKey(int i) {
    return keys.get(i).publicKey();
  }

  private byte[] vote(EntryId proposal, int k) {
    int member = k % keys.size();
    long round = k / keys.size();
    Entry entry =
        new Entry(
            coopId,
            keys.get(member).id(),
            nonceBase + 3 + round,
            createdAt,
            createdAt + EXPIRY_MILLIS,
            new CastVote(proposal, CHOICES[(int) ((round + member) % CHOICES.length)], ""));
    return EntrySigner.sign(entry, keys.get(member));
  }

  /** The member who signed vote {@code k} of {@link #votes}. */
  public int authorOf(int k) {
    return k % keys.size();
  }
}
