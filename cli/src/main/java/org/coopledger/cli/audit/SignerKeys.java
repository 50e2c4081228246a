package org.coopledger.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.coopledger.api.client.NodeClient;
import org.coopledger.governance.action.Action;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.RotateKey;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.VerificationException;

/**
 * Finds the public keys of an entry's signers, for a proof bundle. Any source will do, because a
 * key id is the hash of its key: a wrong key cannot pass for the signer's. The node's member list
 * has every current key; a key since rotated is found in the ledger entry that introduced it (a
 * genesis, an admission, a rotation or a recovery), read from the start up to the entry.
 */
public final class SignerKeys {
  /** A signer's key is nowhere in the ledger before the entry. */
  public static final String SIGNER_KEY_UNKNOWN = "SIGNER_KEY_UNKNOWN";

  private static final int PAGE = 500;

  private SignerKeys() {}

  /** The public key of every signer of {@code entry} (at {@code index}), by key id. */
  public static Map<KeyId, PublicKey> of(NodeClient node, DecodedEntry entry, long index) {
    Set<KeyId> wanted = new TreeSet<>();
    for (EntrySignature s : entry.signatures()) {
      wanted.add(s.keyId());
    }
    Map<KeyId, PublicKey> found = new LinkedHashMap<>();
    JsonNode members = node.getJson("/v1/members");
    for (JsonNode member : members.isArray() ? members : members.path("members")) {
      offer(wanted, found, member.path("publicKey").asText(""));
    }
    for (long start = 0; start < index && !found.keySet().containsAll(wanted); ) {
      JsonNode page =
          node.getJson(NodeClient.entriesPath(start, (int) Math.min(PAGE, index - start)));
      JsonNode entries = page.isArray() ? page : page.path("entries");
      if (entries.isEmpty()) {
        break;
      }
      for (JsonNode served : entries) {
        for (PublicKey key : introducedBy(served.path("leaf").asText(""))) {
          if (wanted.contains(key.id())) {
            found.putIfAbsent(key.id(), key);
          }
        }
      }
      start += entries.size();
    }
    for (KeyId id : wanted) {
      if (!found.containsKey(id)) {
        throw new VerificationException(
            SIGNER_KEY_UNKNOWN,
            "entry #"
                + index
                + " is signed by key "
                + id
                + ", which no member holds and no earlier entry introduced");
      }
    }
    return found;
  }

  private static void offer(Set<KeyId> wanted, Map<KeyId, PublicKey> found, String base64) {
    try {
      PublicKey key = PublicKey.fromBase64(base64);
      if (wanted.contains(key.id())) {
        found.putIfAbsent(key.id(), key);
      }
    } catch (IllegalArgumentException e) {
      // Not a key: the node's read model is only a hint here.
    }
  }

  private static java.util.List<PublicKey> introducedBy(String leafBase64) {
    try {
      AcceptedEntry record = AcceptedEntry.fromBytes(Base64.getDecoder().decode(leafBase64));
      Action action = EntryCodec.decode(record.signedEntry()).entry().action();
      return switch (action) {
        case Genesis g -> g.founders().stream().map(NewMember::publicKey).toList();
        case RotateKey r -> java.util.List.of(r.newKey());
        case CreateProposal p ->
            switch (p.governed()) {
              case Governed.AdmitMember a -> java.util.List.of(a.member().publicKey());
              case Governed.RecoverKey r -> java.util.List.of(r.newKey());
              default -> java.util.List.of();
            };
        default -> java.util.List.of();
      };
    } catch (CoopException | IllegalArgumentException e) {
      return java.util.List.of();
    }
  }

  /** The bundle form: key id (hex) to base64 public key. */
  public static Map<String, String> toJson(Map<KeyId, PublicKey> keys) {
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach((id, key) -> out.put(id.hex(), key.base64()));
    return out;
  }
}
