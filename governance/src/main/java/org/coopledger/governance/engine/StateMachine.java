package org.coopledger.governance.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.error.CoopException;

/**
 * The deterministic state machine every node runs and every auditor replays: {@code apply(state,
 * record) -> Applied(state') | Rejected(code, message)}.
 *
 * <p>Pure: it reads nothing but its arguments (time is the record's accepted time), iterates only
 * sorted collections, and returns the same outcome for the same inputs on every machine. Checks, in
 * order: the bytes decode; the co-op id matches; the author is a current member and their current
 * key signed (for genesis: every founder signed); every signature verifies; the nonce is greater
 * than the author's last; the entry carries an expiry and is accepted within the bounds its author
 * signed ({@code [created_at - clock skew, expires_at]}); the action is valid in the state (and for
 * an execute, its clause holds). A rejected record leaves the state unchanged.
 *
 * <p>Time: an entry takes effect at the later of the time the node stamped on its record and {@link
 * CoopState#lastAcceptedAt()}, so time on the ledger never goes back; that time is what every rule
 * reads.
 */
public final class StateMachine {
  private StateMachine() {}

  /** Applies a {@code LedgerRecord}'s bytes. */
  public static EntryOutcome apply(
      CoopState state, byte[] ledgerRecord, SignatureVerifier verifier) {
    AcceptedEntry record;
    try {
      record = AcceptedEntry.fromBytes(ledgerRecord);
    } catch (CoopException e) {
      return new EntryOutcome.Rejected(state, null, e.code(), e.getMessage(), e.category());
    }
    return apply(state, record, verifier);
  }

  /** Applies one accepted entry. Never throws for bad input: rejections are outcomes. */
  public static EntryOutcome apply(
      CoopState state, AcceptedEntry record, SignatureVerifier verifier) {
    EntryId id = null;
    try {
      DecodedEntry decoded = EntryCodec.decode(record.signedEntry());
      id = decoded.id();
      // Time on the ledger never goes back, whatever a node stamps (a restarted or lagging node,
      // or one whose clock is behind another's).
      long now = Math.max(record.acceptedAtMillis(), state.lastAcceptedAt());
      return applyDecoded(state, decoded, now, verifier);
    } catch (CoopException e) {
      return new EntryOutcome.Rejected(state, id, e.code(), e.getMessage(), e.category());
    }
  }

  /**
   * Applies an entry already decoded from a record's signed entry, accepted at {@code
   * acceptedAtMillis}: what a node that checked the entry before ordering it runs instead of
   * decoding the record again. Gives the same outcome as applying the record's bytes.
   */
  public static EntryOutcome apply(
      CoopState state, DecodedEntry decoded, long acceptedAtMillis, SignatureVerifier verifier) {
    try {
      return applyDecoded(
          state, decoded, Math.max(acceptedAtMillis, state.lastAcceptedAt()), verifier);
    } catch (CoopException e) {
      return new EntryOutcome.Rejected(state, decoded.id(), e.code(), e.getMessage(), e.category());
    }
  }

  private static EntryOutcome applyDecoded(
      CoopState state, DecodedEntry decoded, long now, SignatureVerifier verifier) {
    Entry entry = decoded.entry();
    if (entry.action() instanceof Genesis genesis) {
      if (state.isFounded()) {
        throw new Rejection(
            RejectionCode.ALREADY_FOUNDED,
            "co-op " + state.coopId() + " is already founded; a ledger has one genesis");
      }
      Map<KeyId, PublicKey> founders = new LinkedHashMap<>();
      for (NewMember founder : genesis.founders()) {
        founders.put(founder.publicKey().id(), founder.publicKey());
      }
      if (!founders.containsKey(entry.author())) {
        throw new Rejection(
            RejectionCode.NOT_A_MEMBER,
            "the author " + entry.author() + " of a genesis must be one of its founders");
      }
      checkSignatures(decoded, founders, founders, verifier);
      Rulebook rulebook =
          genesis.rulebook().isBlank()
              ? DefaultRulebook.rulebook()
              : Rulebook.parse(genesis.rulebook());
      checkTime(entry, now, rulebook);
      CoopState next = Founding.found(entry, genesis, now);
      return new EntryOutcome.Applied(
          next, decoded.id(), "founded " + next.name() + " with " + founders.size() + " members");
    }
    if (!state.isFounded()) {
      throw new Rejection(
          RejectionCode.NOT_FOUNDED,
          "the ledger has no genesis yet; the first entry must found it");
    }
    if (!entry.coopId().equals(state.coopId())) {
      throw new Rejection(
          RejectionCode.WRONG_COOP,
          "the entry is for co-op '"
              + entry.coopId()
              + "' but this ledger is co-op '"
              + state.coopId()
              + "'");
    }
    Member author = currentAuthor(state, entry.author());
    Map<KeyId, PublicKey> signers = new LinkedHashMap<>();
    signers.put(author.key().id(), author.key());
    if (entry.action() instanceof RotateKey rotate) {
      signers.put(rotate.newKey().id(), rotate.newKey());
    }
    Map<KeyId, PublicKey> allowed = new LinkedHashMap<>(signers);
    if (entry.action() instanceof RecordRevenue) {
      // Other members may co-sign revenue: their signatures are their approvals under the
      // rulebook's revenue clause (e.g. 2 of role(treasurer)).
      state.activeMembers().forEach(m -> allowed.putIfAbsent(m.key().id(), m.key()));
    }
    checkSignatures(decoded, signers, allowed, verifier);
    if (Long.compareUnsigned(entry.nonce(), author.lastNonce()) <= 0) {
      throw new Rejection(
          RejectionCode.REPLAYED_NONCE,
          "nonce "
              + Long.toUnsignedString(entry.nonce())
              + " is not greater than "
              + author.describe()
              + "'s last accepted nonce "
              + Long.toUnsignedString(author.lastNonce())
              + "; sign again with a higher nonce");
    }
    checkTime(entry, now, state.parsedRulebook());
    Step step = new Step(state, decoded, author, now);
    String summary = Actions.apply(step);
    step.next.nonce(author.id(), entry.nonce());
    step.next.lastAcceptedAt = now;
    CoopState next = step.next.build();
    if (step.rulesChanged) {
      next = Clauses.refreshAll(next, now);
    }
    return new EntryOutcome.Applied(next, decoded.id(), summary);
  }

  /** The active member whose current key is {@code keyId}, or a rejection saying why not. */
  static Member currentAuthor(CoopState state, KeyId keyId) {
    var member = state.memberWithCurrentKey(keyId);
    if (member.isPresent()) {
      return member.get();
    }
    MemberId owner = state.keyOwners().get(keyId);
    if (owner == null) {
      throw new Rejection(
          RejectionCode.NOT_A_MEMBER,
          "key " + keyId + " belongs to no member of co-op " + state.coopId());
    }
    Member m = state.members().get(owner);
    if (!m.active()) {
      throw new Rejection(
          RejectionCode.NOT_A_MEMBER, m.describe() + " was removed from the co-op and cannot act");
    }
    throw new Rejection(
        RejectionCode.KEY_ROTATED,
        "key "
            + keyId
            + " of "
            + m.describe()
            + " was rotated away and is dead; sign with their current key "
            + m.key().id());
  }

  /**
   * Every expected signer signed, nobody outside {@code allowed} did, and every signature verifies
   * (in the order of the entry's signatures).
   */
  private static void checkSignatures(
      DecodedEntry decoded,
      Map<KeyId, PublicKey> expected,
      Map<KeyId, PublicKey> allowed,
      SignatureVerifier verifier) {
    Map<KeyId, EntrySignature> present =
        decoded.signatures().stream()
            .collect(Collectors.toMap(EntrySignature::keyId, s -> s, (a, b) -> a));
    List<KeyId> missing =
        expected.keySet().stream()
            .filter(k -> !present.containsKey(k))
            .sorted(Comparator.naturalOrder())
            .toList();
    if (!missing.isEmpty()) {
      throw new Rejection(
          RejectionCode.MISSING_SIGNATURE,
          "the entry must also be signed by key"
              + (missing.size() > 1 ? "s " : " ")
              + missing.stream().map(KeyId::hex).collect(Collectors.joining(", ")));
    }
    byte[] message = decoded.signingBytes();
    for (EntrySignature signature : decoded.signatures()) {
      PublicKey key = allowed.get(signature.keyId());
      if (key == null) {
        throw new Rejection(
            RejectionCode.BAD_SIGNATURE,
            "key "
                + signature.keyId()
                + " is not expected to sign this entry; remove its signature");
      }
      verifier.verify(key, message, signature.signature());
    }
  }

  /**
   * The author bounds the time of their own entry: it must be accepted no earlier than its signed
   * creation time minus the rulebook's clock skew and no later than its signed expiry, which every
   * entry must carry. So a node that stamps an entry outside what its author allowed fails here, on
   * every node and in every audit.
   */
  private static void checkTime(Entry entry, long now, Rulebook rulebook) {
    if (entry.expiresAtMillis() == 0) {
      throw new Rejection(
          RejectionCode.NO_EXPIRY,
          "the entry has no expiry; every entry must say until when it may be accepted (the"
              + " coop CLI sets 10 minutes for an entry submitted at once, 7 days for a draft)");
    }
    if (now > entry.expiresAtMillis()) {
      throw new Rejection(
          RejectionCode.EXPIRED,
          "the entry expired at "
              + Instant.ofEpochMilli(entry.expiresAtMillis())
              + " and was accepted at "
              + Instant.ofEpochMilli(now)
              + "; sign a fresh one");
    }
    long skew = rulebook.clockSkew().duration().toMillis();
    if (now < entry.createdAtMillis() - skew) {
      throw new Rejection(
          RejectionCode.CLOCK_SKEW,
          "the entry says it was created at "
              + Instant.ofEpochMilli(entry.createdAtMillis())
              + ", more than the co-op's clock skew of "
              + rulebook.clockSkew()
              + " after the time it is accepted at ("
              + Instant.ofEpochMilli(now)
              + "); check the clock of the machine that signed it");
    }
  }

  /** One entry being applied: the state before, the copy being changed, the author and time. */
  static final class Step {
    final CoopState before;
    final CoopState.Builder next;
    final DecodedEntry entry;
    final Member author;
    final long now;

    /**
     * Set when the entry changed who counts for other proposals (members, roles, the split or the
     * rulebook): every open proposal is then re-evaluated.
     */
    boolean rulesChanged;

    Step(CoopState before, DecodedEntry entry, Member author, long now) {
      this.before = before;
      this.next = before.toBuilder();
      this.entry = entry;
      this.author = author;
      this.now = now;
    }
  }
}
