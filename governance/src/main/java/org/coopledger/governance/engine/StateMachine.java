package org.coopledger.governance.engine;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.crypto.KeyId;
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
 * than the author's last; the entry has not expired; the action is valid in the state (and for an
 * execute, its clause holds). A rejected record leaves the state unchanged.
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
      return new EntryOutcome.Rejected(state, null, e.code(), e.getMessage());
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
      return applyDecoded(state, decoded, record.acceptedAtMillis(), verifier);
    } catch (CoopException e) {
      return new EntryOutcome.Rejected(state, id, e.code(), e.getMessage());
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
      return applyDecoded(state, decoded, acceptedAtMillis, verifier);
    } catch (CoopException e) {
      return new EntryOutcome.Rejected(state, decoded.id(), e.code(), e.getMessage());
    }
  }

  private static EntryOutcome applyDecoded(
      CoopState state, DecodedEntry decoded, long now, SignatureVerifier verifier) {
    Entry entry = decoded.entry();
    if (entry.action() instanceof Genesis genesis) {
      if (state.isFounded()) {
        throw new Rejection(
            Rejection.ALREADY_FOUNDED,
            "co-op " + state.coopId() + " is already founded; a ledger has one genesis");
      }
      Map<KeyId, PublicKey> founders = new LinkedHashMap<>();
      for (NewMember founder : genesis.founders()) {
        founders.put(founder.id(), founder.publicKey());
      }
      if (!founders.containsKey(entry.author())) {
        throw new Rejection(
            Rejection.NOT_A_MEMBER,
            "the author " + entry.author() + " of a genesis must be one of its founders");
      }
      checkSignatures(decoded, founders, verifier);
      checkExpiry(entry, now);
      CoopState next = Founding.found(entry, genesis, now);
      return new EntryOutcome.Applied(
          next, decoded.id(), "founded " + next.name() + " with " + founders.size() + " members");
    }
    if (!state.isFounded()) {
      throw new Rejection(
          Rejection.NOT_FOUNDED, "the ledger has no genesis yet; the first entry must found it");
    }
    if (!entry.coopId().equals(state.coopId())) {
      throw new Rejection(
          Rejection.WRONG_COOP,
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
    checkSignatures(decoded, signers, verifier);
    if (Long.compareUnsigned(entry.nonce(), author.lastNonce()) <= 0) {
      throw new Rejection(
          Rejection.REPLAYED_NONCE,
          "nonce "
              + Long.toUnsignedString(entry.nonce())
              + " is not greater than "
              + author.describe()
              + "'s last accepted nonce "
              + Long.toUnsignedString(author.lastNonce())
              + "; sign again with a higher nonce");
    }
    checkExpiry(entry, now);
    Step step = new Step(state, decoded, author, now);
    String summary = Actions.apply(step);
    step.next
        .members()
        .put(author.id(), step.next.members().get(author.id()).withNonce(entry.nonce()));
    return new EntryOutcome.Applied(step.next.build(), decoded.id(), summary);
  }

  /** The active member whose current key is {@code keyId}, or a rejection saying why not. */
  static Member currentAuthor(CoopState state, KeyId keyId) {
    var member = state.memberWithCurrentKey(keyId);
    if (member.isPresent()) {
      return member.get();
    }
    KeyId owner = state.keyOwners().get(keyId);
    if (owner == null) {
      throw new Rejection(
          Rejection.NOT_A_MEMBER,
          "key " + keyId + " belongs to no member of co-op " + state.coopId());
    }
    Member m = state.members().get(owner);
    if (!m.active()) {
      throw new Rejection(
          Rejection.NOT_A_MEMBER, m.describe() + " was removed from the co-op and cannot act");
    }
    throw new Rejection(
        Rejection.KEY_ROTATED,
        "key "
            + keyId
            + " of "
            + m.describe()
            + " was rotated away and is dead; sign with their current key "
            + m.key().id());
  }

  /**
   * Every expected signer signed, nobody else did, and every signature verifies (in the order of
   * the entry's signatures).
   */
  private static void checkSignatures(
      DecodedEntry decoded, Map<KeyId, PublicKey> expected, SignatureVerifier verifier) {
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
          Rejection.MISSING_SIGNATURE,
          "the entry must also be signed by key"
              + (missing.size() > 1 ? "s " : " ")
              + missing.stream().map(KeyId::hex).collect(Collectors.joining(", ")));
    }
    byte[] message = decoded.signingBytes();
    for (EntrySignature signature : decoded.signatures()) {
      PublicKey key = expected.get(signature.keyId());
      if (key == null) {
        throw new Rejection(
            Rejection.BAD_SIGNATURE,
            "key "
                + signature.keyId()
                + " is not expected to sign this entry; remove its signature");
      }
      verifier.verify(key, message, signature.signature());
    }
  }

  private static void checkExpiry(Entry entry, long now) {
    if (entry.expiresAtMillis() != 0 && now > entry.expiresAtMillis()) {
      throw new Rejection(
          Rejection.EXPIRED,
          "the entry expired at "
              + java.time.Instant.ofEpochMilli(entry.expiresAtMillis())
              + " and was accepted at "
              + java.time.Instant.ofEpochMilli(now)
              + "; sign a fresh one");
    }
  }

  /** One entry being applied: the state before, the copy being changed, the author and time. */
  static final class Step {
    final CoopState before;
    final CoopState.Builder next;
    final DecodedEntry entry;
    final Member author;
    final long now;

    Step(CoopState before, DecodedEntry entry, Member author, long now) {
      this.before = before;
      this.next = before.toBuilder();
      this.entry = entry;
      this.author = author;
      this.now = now;
    }
  }
}
