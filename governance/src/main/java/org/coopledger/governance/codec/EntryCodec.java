package org.coopledger.governance.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coopledger.governance.action.Action;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.proto.Signature;
import org.coopledger.governance.proto.SignatureAlgorithm;
import org.coopledger.governance.proto.SignedEntry;

/**
 * Strict decoding of signed entries and encoding of bodies. Thread-safe (stateless).
 *
 * <p>Only the canonical protobuf encoding is accepted (fields in number order, no unknown,
 * repeated-scalar or default-valued fields): an entry has exactly one byte representation, so its
 * id and its leaf hash are unambiguous.
 */
public final class EntryCodec {
  /** Upper bound of a signed entry; larger submissions are refused before parsing. */
  public static final int MAX_ENTRY_BYTES = 256 * 1024;

  /** At most this many signatures per entry (a genesis is signed by every founder). */
  public static final int MAX_SIGNATURES = 64;

  /**
   * Fields the protocol removed (their numbers are reserved), by {@code Message.number}, with why.
   */
  private static final java.util.Map<String, String> REMOVED_FIELDS =
      java.util.Map.of(
          "CreateProposal.3",
          "vote_weights (field 3), which the protocol removed: a proposer may not choose who"
              + " votes or with what weight; the rulebook's vote(of=..., weight=...) says so");

  private EntryCodec() {}

  /**
   * Decodes a {@code SignedEntry}. Signatures are not verified here.
   *
   * @throws MalformedEntryException if the bytes are not a canonical, well-formed signed entry
   * @throws org.coopledger.governance.action.InvalidActionException if a field has the wrong shape
   */
  public static DecodedEntry decode(byte[] signedEntry) {
    if (signedEntry == null || signedEntry.length == 0) {
      throw new MalformedEntryException("the signed entry is empty");
    }
    if (signedEntry.length > MAX_ENTRY_BYTES) {
      throw new MalformedEntryException(
          "the signed entry is " + signedEntry.length + " bytes; the limit is " + MAX_ENTRY_BYTES);
    }
    SignedEntry envelope;
    try {
      envelope = SignedEntry.parseFrom(signedEntry);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedEntryException("not a SignedEntry: " + e.getMessage(), e);
    }
    requireCanonical(envelope, signedEntry, "signed entry");
    byte[] bodyBytes = envelope.getBody().toByteArray();
    if (bodyBytes.length == 0) {
      throw new MalformedEntryException("the signed entry has no body");
    }
    EntryBody body;
    try {
      body = EntryBody.parseFrom(bodyBytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedEntryException("the body is not an EntryBody: " + e.getMessage(), e);
    }
    requireCanonical(body, bodyBytes, "entry body");
    return new DecodedEntry(bodyBytes, entry(body), signatures(envelope.getSignaturesList()));
  }

  private static Entry entry(EntryBody body) {
    KeyId author;
    try {
      author = new KeyId(body.getAuthorKeyId());
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException("author key id: " + e.getMessage(), e);
    }
    try {
      return new Entry(
          body.getCoopId(),
          author,
          body.getNonce(),
          body.getCreatedAtMillis(),
          body.getExpiresAtMillis(),
          ActionCodec.fromProto(body));
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException(e.getMessage(), e);
    }
  }

  private static List<EntrySignature> signatures(List<Signature> signatures) {
    if (signatures.size() > MAX_SIGNATURES) {
      throw new MalformedEntryException(
          "an entry carries at most " + MAX_SIGNATURES + " signatures, got " + signatures.size());
    }
    List<EntrySignature> out = new ArrayList<>(signatures.size());
    Set<KeyId> seen = new HashSet<>();
    for (Signature s : signatures) {
      if (s.getAlgorithm() != SignatureAlgorithm.ED25519) {
        throw new MalformedEntryException(
            "signature algorithm " + s.getAlgorithm() + " is not supported; use ED25519");
      }
      KeyId keyId;
      try {
        keyId = new KeyId(s.getKeyId());
      } catch (IllegalArgumentException e) {
        throw new MalformedEntryException("signature key id: " + e.getMessage(), e);
      }
      if (!seen.add(keyId)) {
        throw new MalformedEntryException("key " + keyId + " signed the entry twice");
      }
      out.add(new EntrySignature(keyId, s.getSignature().toByteArray()));
    }
    return out;
  }

  static void requireCanonical(Message message, byte[] received, String what) {
    requireKnownFields(message, what);
    if (!Arrays.equals(message.toByteArray(), received)) {
      throw new MalformedEntryException(
          "the "
              + what
              + " is not canonically encoded (unknown, repeated, default-valued or reordered"
              + " fields); encode it with a standard protobuf serializer");
    }
  }

  /** Protobuf keeps fields it does not know and writes them back; we refuse them instead. */
  private static void requireKnownFields(Message message, String what) {
    var unknown = message.getUnknownFields().asMap().keySet();
    if (!unknown.isEmpty()) {
      String type = message.getDescriptorForType().getName();
      String removed = REMOVED_FIELDS.get(type + "." + unknown.iterator().next());
      if (removed != null) {
        throw MalformedEntryException.unknownField(
            "the " + what + " carries " + type + "." + removed);
      }
      throw MalformedEntryException.unknownField(
          "the "
              + what
              + " has fields this version does not know ("
              + type
              + " field "
              + unknown
              + "); it may come from a newer client");
    }
    for (var field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) {
        for (Object item : (List<?>) field.getValue()) {
          requireKnownFields((Message) item, what);
        }
      } else {
        requireKnownFields((Message) field.getValue(), what);
      }
    }
  }

  /** The canonical body bytes of {@code entry}: what its author signs. */
  public static byte[] encodeBody(Entry entry) {
    EntryBody.Builder body =
        EntryBody.newBuilder()
            .setCoopId(entry.coopId())
            .setAuthorKeyId(entry.author().hex())
            .setNonce(entry.nonce())
            .setCreatedAtMillis(entry.createdAtMillis())
            .setExpiresAtMillis(entry.expiresAtMillis());
    ActionCodec.toProto(entry.action(), body);
    return body.build().toByteArray();
  }

  /** A {@code SignedEntry} of {@code body} (kept byte for byte) and {@code signatures}. */
  public static byte[] encodeSigned(byte[] body, List<EntrySignature> signatures) {
    SignedEntry.Builder envelope = SignedEntry.newBuilder().setBody(ByteString.copyFrom(body));
    for (EntrySignature s : signatures) {
      envelope.addSignatures(
          Signature.newBuilder()
              .setKeyId(s.keyId().hex())
              .setAlgorithm(SignatureAlgorithm.ED25519)
              .setSignature(ByteString.copyFrom(s.signature())));
    }
    return envelope.build().toByteArray();
  }

  /** The canonical bytes of a proposal's content, for state snapshots. */
  public static byte[] encodeProposal(CreateProposal proposal) {
    EntryBody.Builder body = EntryBody.newBuilder();
    ActionCodec.toProto(proposal, body);
    return body.getCreateProposal().toByteArray();
  }

  /**
   * Reads what {@link #encodeProposal} wrote.
   *
   * @throws MalformedEntryException if the bytes are not a canonical proposal
   */
  public static CreateProposal decodeProposal(byte[] bytes) {
    try {
      var proto = org.coopledger.governance.proto.CreateProposal.parseFrom(bytes);
      requireCanonical(proto, bytes, "proposal");
      Action action =
          ActionCodec.fromProto(EntryBody.newBuilder().setCreateProposal(proto).build());
      return (CreateProposal) action;
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new MalformedEntryException("not a proposal: " + e.getMessage(), e);
    }
  }
}
