package org.coopledger.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.EntryOutcome;
import org.coopledger.governance.engine.SignatureVerifier;
import org.coopledger.governance.engine.StateMachine;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * A history the node operator made up, complete with everything the operator can sign: the
 * checkpoint (with the node key), the entries and the state digest of the forged ledger. Served
 * through a {@link LyingProxy} in place of the real one.
 */
final class ForgedHistory {
  private final List<byte[]> leaves;
  private final String checkpoint;
  private final String stateDigest;

  ForgedHistory(
      List<byte[]> leaves, String origin, org.coopledger.governance.crypto.SigningKey key) {
    this.leaves = List.copyOf(leaves);
    InMemoryHashSource tree = InMemoryHashSource.ofEntries(leaves);
    this.checkpoint =
        new String(
            SignedCheckpoint.sign(
                    new Checkpoint(origin, leaves.size(), tree.root().bytes()),
                    NoteSigner.of(origin, key))
                .bytes(),
            StandardCharsets.UTF_8);
    CoopState state = CoopState.empty();
    for (byte[] leaf : leaves) {
      EntryOutcome outcome = StateMachine.apply(state, leaf, SignatureVerifier.CRYPTO);
      if (outcome instanceof EntryOutcome.Rejected rejected) {
        throw new IllegalArgumentException("the forged history does not replay: " + rejected);
      }
      state = outcome.state();
    }
    this.stateDigest = state.digestHex();
  }

  /** From now on the proxy serves this history's checkpoint, entries and state. */
  void serveThrough(LyingProxy proxy) {
    proxy.lie(path -> path.startsWith("/v1/checkpoint"), answer -> answer.withText(checkpoint));
    proxy.lie(
        path -> path.startsWith("/v1/state"),
        answer ->
            withField(withField(answer, "treeSize", leaves.size()), "stateDigest", stateDigest));
    proxy.lie(path -> path.startsWith("/v1/entries?"), this::page);
  }

  private LyingProxy.Answer page(LyingProxy.Answer answer) {
    String query = URI.create(answer.pathAndQuery()).getQuery();
    long start = 0;
    long limit = 100;
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals("start")) {
        start = Long.parseLong(kv[1]);
      } else if (kv[0].equals("limit")) {
        limit = Long.parseLong(kv[1]);
      }
    }
    ObjectNode page = Json.MAPPER.createObjectNode();
    page.put("start", start);
    page.put("treeSize", leaves.size());
    ArrayNode entries = page.putArray("entries");
    for (long i = start; i < Math.min(leaves.size(), start + limit); i++) {
      byte[] leaf = leaves.get((int) i);
      entries
          .addObject()
          .put("index", i)
          .put("leaf", Base64.getEncoder().encodeToString(leaf))
          .put("leafHash", TreeHasher.leafHash(leaf).base64());
    }
    return write(answer, page);
  }

  static LyingProxy.Answer withField(LyingProxy.Answer answer, String field, Object value) {
    ObjectNode json = (ObjectNode) read(answer);
    json.set(field, Json.MAPPER.valueToTree(value));
    return write(answer, json);
  }

  /** The checkpoint note's body under {@code origin}, signed by {@code signer}. */
  static String resign(String note, String origin, NoteSigner signer) {
    Checkpoint body = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
    return new String(
        SignedCheckpoint.sign(new Checkpoint(origin, body.size(), body.rootHash()), signer).bytes(),
        StandardCharsets.UTF_8);
  }

  static JsonNode read(LyingProxy.Answer answer) {
    try {
      return Json.MAPPER.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LyingProxy.Answer write(LyingProxy.Answer answer, JsonNode json) {
    try {
      return answer.withBody(Json.MAPPER.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
