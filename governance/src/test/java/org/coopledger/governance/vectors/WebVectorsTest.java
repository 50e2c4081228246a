package org.coopledger.governance.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.SigningBytes;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.coopledger.governance.merkle.Proofs;
import org.coopledger.governance.merkle.TreeHasher;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.proto.LedgerRecord;
import org.coopledger.governance.proto.Signature;
import org.coopledger.governance.proto.SignatureAlgorithm;
import org.coopledger.governance.proto.SignedEntry;
import org.coopledger.governance.split.Distribution;
import org.junit.jupiter.api.Test;

/**
 * The test vectors the web app's JavaScript is checked against (web/src/test/js): key files, entry
 * bodies, signatures, entry ids, leaf hashes, inclusion proofs, a signed checkpoint and split
 * distributions, all produced here by the Java implementation. This test regenerates them and fails
 * when the committed file differs, so neither side can drift: run it with {@code
 * -Dcoop.vectors.write=true} to rewrite the file after an intended change of the protocol.
 */
class WebVectorsTest {
  static final Path FILE = Path.of("src/test/resources/vectors/web-vectors.json");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final HexFormat HEX = HexFormat.of();
  private static final String PASSPHRASE = "correct horse battery staple";
  private static final String COOP = "vector-coop";
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  @Test
  void committedVectorsAreWhatTheJavaImplementationProduces() throws IOException {
    // Through text and back, so numbers compare as the file's (int vs long nodes).
    ObjectNode fresh = (ObjectNode) JSON.readTree(JSON.writeValueAsString(vectors()));
    if (Boolean.getBoolean("coop.vectors.write") || !Files.exists(FILE)) {
      ObjectNode written = fresh.deepCopy();
      written.withArray("keys").forEach(k -> ((ObjectNode) k).put("encryptedPem", encrypted(k)));
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, JSON.writeValueAsString(written) + "\n");
    }
    ObjectNode committed = (ObjectNode) JSON.readTree(FILE.toFile());
    // Encrypted key files use a random salt: check the committed one opens, then compare the rest.
    for (JsonNode key : committed.withArray("keys")) {
      SigningKey opened =
          SigningKey.fromPem(key.path("encryptedPem").asText(), PASSPHRASE.toCharArray());
      assertThat(opened.id().hex()).isEqualTo(key.path("keyId").asText());
      ((ObjectNode) key).remove("encryptedPem");
    }
    fresh
        .fieldNames()
        .forEachRemaining(
            field ->
                assertThat(committed.get(field))
                    .withFailMessage(
                        "'%s' in %s differs from what Java produces now; after an intended"
                            + " protocol change rewrite it with -Dcoop.vectors.write=true",
                        field, FILE)
                    .isEqualTo(fresh.get(field)));
    assertThat(committed.size()).isEqualTo(fresh.size());
  }

  @Test
  void keyFileWrittenByTheWebAppOpensInJava() throws IOException {
    JsonNode web = JSON.readTree(FILE.resolveSibling("web-key.json").toFile());

    SigningKey key =
        SigningKey.fromPem(web.path("pem").asText(), web.path("passphrase").asText().toCharArray());

    assertThat(key.id().hex()).isEqualTo(web.path("keyId").asText());
  }

  private static ObjectNode vectors() throws IOException {
    List<SigningKey> keys = new ArrayList<>();
    ObjectNode out = JSON.createObjectNode();
    out.put(
        "about",
        "Produced by governance WebVectorsTest (Java); checked by web/src/test/js. Do not edit.");
    out.put("signingPrefix", SigningBytes.PREFIX);
    out.put("passphrase", PASSPHRASE);
    ArrayNode keyNodes = out.putArray("keys");
    for (int i = 0; i < 3; i++) {
      byte[] seed = new byte[32];
      for (int b = 0; b < 32; b++) {
        seed[b] = (byte) (i * 32 + b + 1);
      }
      SigningKey key = SigningKey.fromSeed(seed);
      keys.add(key);
      keyNodes
          .addObject()
          .put("seed", HEX.formatHex(seed))
          .put("publicKey", key.publicKey().base64())
          .put("keyId", key.id().hex())
          .put("pem", key.toPem());
    }
    String alice = keys.get(0).id().hex();
    String bob = keys.get(1).id().hex();
    String proposal = "ab".repeat(32);
    List<String> actions =
        List.of(
            "{\"castVote\": {\"proposalId\": \""
                + proposal
                + "\", \"choice\": \"YES\","
                + " \"reason\": \"more mixing, bigger share \u00e9\u2713\"}}",
            "{\"approve\": {\"proposalId\": \"" + proposal + "\"}}",
            "{\"withdrawApproval\": {\"proposalId\": \"" + proposal + "\"}}",
            "{\"veto\": {\"proposalId\": \"" + proposal + "\", \"reason\": \"too soon\"}}",
            "{\"execute\": {\"proposalId\": \"" + proposal + "\"}}",
            "{\"recordRevenue\": {\"amountMinor\": \"25000\", \"currency\": \"EUR\","
                + " \"source\": \"workshop\", \"reference\": \"inv-7\"}}",
            "{\"createProposal\": {\"title\": \"Carol mixes the next EP\", \"text\": \"\","
                + " \"splitChange\": {\"shares\": [{\"memberId\": \""
                + alice
                + "\","
                + " \"basisPoints\": 6000}, {\"memberId\": \""
                + bob
                + "\", \"basisPoints\": 4000}]}}}",
            "{\"createProposal\": {\"title\": \"Pay bob\", \"payout\": {\"memberId\": \""
                + bob
                + "\", \"amountMinor\": \"12050\", \"currency\": \"EUR\", \"reference\": \"march\"}}}",
            "{\"createProposal\": {\"title\": \"Buy a microphone\", \"text\": \"the good one\","
                + " \"decision\": {}}}",
            "{\"createProposal\": {\"title\": \"Admit dora\", \"admitMember\": {\"member\":"
                + " {\"publicKey\": \""
                + keys.get(2).publicKey().base64()
                + "\","
                + " \"displayName\": \"dora\", \"roles\": [\"creator\"]}}}}",
            "{\"createProposal\": {\"title\": \"Bob treasures\", \"changeRoles\": {\"memberId\":"
                + " \""
                + bob
                + "\", \"roles\": [\"creator\", \"treasurer\"]}}}",
            "{\"createProposal\": {\"title\": \"Stricter\", \"rulebookChange\": {\"rulebook\":"
                + " \"payout: 2 of role(treasurer)\"}}}");
    ArrayNode entries = out.putArray("entries");
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      SigningKey author = keys.get(i % 2);
      EntryBody.Builder body = EntryBody.newBuilder();
      JsonFormat.parser().merge(actions.get(i), body);
      body.setCoopId(COOP)
          .setAuthorKeyId(author.id().hex())
          .setNonce(T0 * 1000 + i)
          .setCreatedAtMillis(T0 + i * 1000L)
          .setExpiresAtMillis(T0 + i * 1000L + 3_600_000L);
      byte[] bodyBytes = body.build().toByteArray();
      byte[] signature = author.sign(SigningBytes.of(bodyBytes));
      byte[] signed =
          SignedEntry.newBuilder()
              .setBody(ByteString.copyFrom(bodyBytes))
              .addSignatures(
                  Signature.newBuilder()
                      .setKeyId(author.id().hex())
                      .setAlgorithm(SignatureAlgorithm.ED25519)
                      .setSignature(ByteString.copyFrom(signature)))
              .build()
              .toByteArray();
      DecodedEntry decoded = EntryCodec.decode(signed); // the node's own codec accepts it
      long acceptedAt = T0 + i * 1000L + 500;
      byte[] leaf =
          LedgerRecord.newBuilder()
              .setSignedEntry(ByteString.copyFrom(signed))
              .setAcceptedAtMillis(acceptedAt)
              .build()
              .toByteArray();
      leaves.add(leaf);
      ObjectNode e = entries.addObject();
      e.put("signer", i % 2);
      e.set(
          "fields",
          JSON.readTree(JsonFormat.printer().omittingInsignificantWhitespace().print(body)));
      e.put("body", B64.encodeToString(bodyBytes));
      e.put("entryId", DecodedEntry.idOf(bodyBytes).hex());
      e.put("signature", B64.encodeToString(signature));
      e.put("signedEntry", B64.encodeToString(signed));
      e.put("acceptedAtMillis", acceptedAt);
      e.put("leaf", B64.encodeToString(leaf));
      e.put("leafHash", TreeHasher.leafHash(leaf).base64());
      assertThat(decoded.signatures()).hasSize(1);
    }
    InMemoryHashSource tree = InMemoryHashSource.ofEntries(leaves);
    ObjectNode proofs = out.putObject("tree");
    ArrayNode list = proofs.putArray("proofs");
    for (long size : new long[] {1, 2, 5, 8, leaves.size()}) {
      for (long index = 0; index < size; index++) {
        ObjectNode p = list.addObject().put("index", index).put("size", size);
        p.put("root", Proofs.root(tree, size).base64());
        ArrayNode path = p.putArray("path");
        Proofs.inclusion(tree, index, size).path().forEach(h -> path.add(h.base64()));
      }
    }
    String origin = "coopledger.local/" + COOP;
    NoteSigner signer = NoteSigner.of(origin, keys.get(2));
    Hash root = Proofs.root(tree, leaves.size());
    out.putObject("checkpoint")
        .put("vkey", signer.verifier().vkey())
        .put("origin", origin)
        .put("size", leaves.size())
        .put("root", root.base64())
        .put(
            "note",
            new String(
                SignedCheckpoint.sign(new Checkpoint(origin, leaves.size(), root.bytes()), signer)
                    .bytes(),
                java.nio.charset.StandardCharsets.UTF_8));
    ArrayNode distributions = out.putArray("distributions");
    long[] amounts = {0, 1, 2, 3, 99, 100, 333, 25_000, 10_001, 999_999_999_999L};
    List<List<Share>> splits =
        List.of(
            List.of(new Share(MemberId.joiningWith(keys.get(0).id()), 10_000)),
            List.of(
                new Share(MemberId.joiningWith(keys.get(0).id()), 5_000),
                new Share(MemberId.joiningWith(keys.get(1).id()), 5_000)),
            List.of(
                new Share(MemberId.joiningWith(keys.get(0).id()), 3_333),
                new Share(MemberId.joiningWith(keys.get(1).id()), 3_333),
                new Share(MemberId.joiningWith(keys.get(2).id()), 3_334)),
            List.of(
                new Share(MemberId.joiningWith(keys.get(2).id()), 4_000),
                new Share(MemberId.joiningWith(keys.get(0).id()), 3_500),
                new Share(MemberId.joiningWith(keys.get(1).id()), 2_500)));
    for (List<Share> split : splits) {
      for (long amount : amounts) {
        ObjectNode d = distributions.addObject().put("amountMinor", amount);
        ArrayNode shares = d.putArray("shares");
        split.forEach(
            s ->
                shares
                    .addObject()
                    .put("memberId", s.member().hex())
                    .put("basisPoints", s.basisPoints()));
        ObjectNode parts = d.putObject("parts");
        for (Map.Entry<MemberId, Long> part : Distribution.distribute(amount, split).entrySet()) {
          parts.put(part.getKey().hex(), part.getValue());
        }
      }
    }
    return out;
  }

  private static String encrypted(JsonNode key) {
    return SigningKey.fromSeed(HEX.parseHex(key.path("seed").asText()))
        .toPem(PASSPHRASE.toCharArray());
  }
}
