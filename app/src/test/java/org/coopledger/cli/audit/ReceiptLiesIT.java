package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.v1.EntryResponse;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.proto.LedgerRecord;
import org.coopledger.governance.proto.SignedEntry;
import org.coopledger.node.CoopNode;
import org.coopledger.node.checkpoint.NodeKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator of a real node lies about what it acknowledged: it holds the node key, so it can
 * sign checkpoints (and state) for any history it likes, and serve that history to a member who has
 * never audited before. Only the member's kept receipts can tell, and {@code coop audit --mine}
 * must name each lie; the honest node passes. Also: a receipt tampered with on the way, or missing,
 * stops the CLI before it says "accepted", and a ledger whose names disagree fails the audit.
 */
class ReceiptLiesIT {
  @TempDir static Path dir;
  private static DemoCoopNode demo;
  private static CoopNode node;
  private static NodeClient client;
  private static CoopFixture coop;
  private static SigningKey nodeKey;
  private static long mine;

  @TempDir Path trustDir;
  private LyingProxy proxy;

  @BeforeAll
  static void startNodeAndSubmitOneEntryThroughTheCli() throws Exception {
    demo = DemoCoopNode.start(dir, "Receipted", 1);
    node = demo.node;
    client = demo.client;
    coop = demo.coop;
    submit(
        coop.genesis(
            "", List.of(new Share(coop.id("alice"), 6000), new Share(coop.id("bob"), 4000))));
    submit(coop.propose("alice", "first", new Governed.Decision()));
    submit(coop.revenue("tess", 10_000, "EUR", "subscription"));
    Thread.sleep(50); // so that the member's entry has a time strictly after the one before
    Path key = dir.resolve("tess.pem");
    Files.writeString(key, coop.key("tess").toPem());
    CoopRunner.Result accepted =
        CoopRunner.plain()
            .run(
                "revenue",
                "12.50",
                "EUR",
                "--source",
                "workshop",
                "--key",
                key.toString(),
                "--node",
                node.uri().toString(),
                "--trust-dir",
                dir.resolve("member-trust").toString());
    assertThat(accepted.exitCode()).as(accepted.out() + accepted.err()).isEqualTo(ExitCode.OK);
    assertThat(accepted.out()).contains("accepted as entry #3", "signed receipt kept in");
    mine = 3;
    Thread.sleep(50);
    submit(coop.propose("bob", "after mine", new Governed.Decision()));
    nodeKey = NodeKey.loadOrCreate(dir.resolve("data"));
  }

  @AfterAll
  static void stopNode() {
    demo.close();
  }

  @BeforeEach
  void startProxyWithTheMembersTrustDir() throws Exception {
    proxy = demo.proxy();
    copy(dir.resolve("member-trust"), trustDir);
    demo.awaitCheckpointCovering(5);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  @Test
  void honestNodeKeepsEveryReceiptedPromise() {
    CoopRunner.Result result = audit("--mine");

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("1 receipt of yours hold");
    CoopRunner.Result shown = run("receipt", "show", String.valueOf(mine));
    assertThat(shown.out())
        .startsWith("coopledger/receipt/v1\n" + node.origin().orElseThrow() + "\n3\n");
  }

  @Test
  void entryDroppedAfterItsReceiptIsNamed() {
    List<byte[]> leaves = leaves();
    leaves.remove((int) mine);
    serve(leaves);

    CoopRunner.Result plain = audit();
    CoopRunner.Result result = audit("--mine");

    assertThat(plain.exitCode()).as("without receipts the forged history passes").isZero();
    assertFailed(result, ReceiptAudit.ENTRY_DROPPED, "acknowledged by the node as #3");
  }

  @Test
  void entryMovedAfterItsReceiptIsNamed() {
    List<byte[]> leaves = leaves();
    AcceptedEntry mineThen = AcceptedEntry.fromBytes(leaves.get((int) mine));
    AcceptedEntry next = AcceptedEntry.fromBytes(leaves.get((int) mine + 1));
    // Swap the two entries but keep the times in place, so that time still runs forward.
    leaves.set(
        (int) mine, new AcceptedEntry(next.signedEntry(), mineThen.acceptedAtMillis()).toBytes());
    leaves.set(
        (int) mine + 1,
        new AcceptedEntry(mineThen.signedEntry(), next.acceptedAtMillis()).toBytes());
    serve(leaves);

    CoopRunner.Result result = audit("--mine");

    assertFailed(result, ReceiptAudit.ENTRY_MOVED, "it is at #4 instead of #3");
  }

  @Test
  void entryBackdatedAfterItsReceiptIsNamed() {
    List<byte[]> leaves = leaves();
    AcceptedEntry real = AcceptedEntry.fromBytes(leaves.get((int) mine));
    leaves.set(
        (int) mine, new AcceptedEntry(real.signedEntry(), real.acceptedAtMillis() - 20).toBytes());
    serve(leaves);

    CoopRunner.Result result = audit("--mine");

    assertFailed(result, ReceiptAudit.ENTRY_BACKDATED, "earlier than the");
  }

  @Test
  void receiptTamperedWithOnTheWayStopsTheCliBeforeItSaysAccepted() throws Exception {
    proxy.lie(
        path -> path.equals("/v1/entries"),
        answer -> {
          ObjectNode json = (ObjectNode) ForgedHistory.read(answer);
          String[] lines = json.get("receipt").asText().split("\n", -1);
          lines[2] = "999"; // the index line: the node "acknowledges" another place
          json.put("receipt", String.join("\n", lines));
          return ForgedHistory.write(answer, json);
        });

    CoopRunner.Result result = revenueThroughProxy("drop:tampered");

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(5);
    assertThat(result.out()).doesNotContain("accepted");
    assertThat(result.err()).contains("BAD_NOTE_SIGNATURE");
  }

  @Test
  void batchSubmissionVerifiesAndKeepsEveryReceipt(@TempDir Path drafts) throws Exception {
    Path first = draftRevenue(drafts, "drop:batch-first");
    Path second = draftRevenue(drafts, "drop:batch-second");

    CoopRunner.Result result =
        run("submit", first.toString(), second.toString(), "--node", proxy.url());

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
    assertThat(result.out().lines().filter(l -> l.contains("signed receipt kept in"))).hasSize(2);
    for (String line : result.out().lines().toList()) {
      Path kept = Path.of(line.substring(line.indexOf("kept in ") + 8, line.length() - 1));
      assertThat(kept).exists().startsWith(trustDir);
    }
  }

  @Test
  void batchSubmissionWithOneTamperedReceiptStopsBeforeCallingItAccepted(@TempDir Path drafts)
      throws Exception {
    Path first = draftRevenue(drafts, "drop:batch-fine");
    Path second = draftRevenue(drafts, "drop:batch-tampered");
    proxy.lie(
        path -> path.equals("/v1/entries:batch"),
        answer -> {
          ObjectNode json = (ObjectNode) ForgedHistory.read(answer);
          ObjectNode result = (ObjectNode) json.get("results").get(1);
          String[] lines = result.get("receipt").asText().split("\n", -1);
          lines[4] = String.valueOf(Long.parseLong(lines[4]) + 1); // another accepted time
          result.put("receipt", String.join("\n", lines));
          return ForgedHistory.write(answer, json);
        });

    CoopRunner.Result result =
        run("submit", first.toString(), second.toString(), "--node", proxy.url());

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(5);
    assertThat(result.out()).contains("batch-fine").doesNotContain("batch-tampered");
    assertThat(result.err()).contains("BAD_NOTE_SIGNATURE");
  }

  private Path draftRevenue(Path drafts, String source) throws Exception {
    Path out = drafts.resolve(source.replace(':', '-') + ".entry");
    CoopRunner.Result drafted =
        run(
            "revenue",
            "1.00",
            "EUR",
            "--source",
            source,
            "--key",
            dir.resolve("tess.pem").toString(),
            "--node",
            proxy.url(),
            "--out",
            out.toString());
    assertThat(drafted.exitCode()).as(drafted.out() + drafted.err()).isZero();
    Thread.sleep(2);
    return out;
  }

  @Test
  void acknowledgementWithoutAReceiptStopsTheCli() throws Exception {
    proxy.lie(
        path -> path.equals("/v1/entries"),
        answer -> {
          ObjectNode json = (ObjectNode) ForgedHistory.read(answer);
          json.remove("receipt");
          return ForgedHistory.write(answer, json);
        });

    CoopRunner.Result result = revenueThroughProxy("drop:unreceipted");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).contains(ReceiptCheck.RECEIPT_MISSING);
  }

  @Test
  void nodeThatNamesItsLedgerOtherwiseThanItsKeyFailsTheAudit() {
    proxy.lie(
        path -> path.equals("/v1/node"),
        answer ->
            ForgedHistory.withField(
                answer, "origin", LedgerOrigin.PREFIX + coop.coopId() + "/0000000000000000"));

    CoopRunner.Result result = audit();

    assertFailed(result, Auditor.ORIGIN_MISMATCH, "its key is named");
  }

  @Test
  void nodeThatSignsUnderAnOriginItsGenesisDoesNotDeriveFailsTheAudit() {
    String other = LedgerOrigin.PREFIX + coop.coopId() + "/0000000000000000";
    NoteSigner signer = NoteSigner.of(other, nodeKey);
    proxy.lie(
        path -> path.equals("/v1/node"),
        answer ->
            ForgedHistory.withField(
                ForgedHistory.withField(answer, "origin", other),
                "verifierKey",
                signer.verifier().vkey()));
    proxy.lie(
        path -> path.startsWith("/v1/checkpoint"),
        answer -> answer.withText(ForgedHistory.resign(answer.text(), other, signer)));

    CoopRunner.Result result = audit();

    assertFailed(
        result,
        Auditor.ORIGIN_MISMATCH,
        "genesis entry derives origin " + node.origin().orElseThrow());
  }

  @Test
  void aProofBundleVerifiesOnlyAgainstAKeyTheVerifierTrusts(@TempDir Path elsewhere) {
    Path bundle = elsewhere.resolve("proof.json");
    assertThat(run("proof", "3", "--out", bundle.toString(), "--node", proxy.url()).exitCode())
        .isZero();
    String key = node.verifierKey().orElseThrow();
    String otherTrust = elsewhere.resolve("trust").toString();

    CoopRunner.Result untrusted =
        CoopRunner.plain().run("verify-proof", bundle.toString(), "--trust-dir", otherTrust);
    CoopRunner.Result given =
        CoopRunner.plain()
            .run("verify-proof", bundle.toString(), "--trust-dir", otherTrust, "--trust-key", key);

    assertThat(untrusted.exitCode()).isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(untrusted.err()).contains("KEY_NOT_TRUSTED");
    assertThat(given.exitCode()).as(given.err()).isZero();
    assertThat(given.out())
        .contains(
            "proof verifies: entry #3",
            "member signatures verified: [" + coop.id("tess").hex() + "]",
            "not checked here, the node's claim",
            "belonged to members of the co-op when the entry was accepted");
  }

  /**
   * The operator holds the node key: it can put an entry no member signed (here tess's revenue with
   * its amount changed) into a tree, sign a checkpoint of it and serve a valid inclusion proof.
   * Only the entry's own signature shows the lie, offline.
   */
  @Test
  void aProofOfAnEntryItsSignerNeverSignedDoesNotVerify(@TempDir Path elsewhere) throws Exception {
    List<byte[]> leaves = leaves();
    leaves.set((int) mine, withRevenueAmount(leaves.get((int) mine), 1_000_000));
    String origin = node.origin().orElseThrow();
    InMemoryHashSource tree = InMemoryHashSource.ofEntries(leaves);
    String checkpoint =
        new String(
            SignedCheckpoint.sign(
                    new Checkpoint(origin, leaves.size(), tree.root().bytes()),
                    NoteSigner.of(origin, nodeKey))
                .bytes(),
            StandardCharsets.UTF_8);
    byte[] forged = leaves.get((int) mine);
    proxy.lie(path -> path.startsWith("/v1/checkpoint"), answer -> answer.withText(checkpoint));
    proxy.lie(
        path -> path.equals("/v1/entries/" + mine),
        answer ->
            ForgedHistory.withField(answer, "leaf", Base64.getEncoder().encodeToString(forged)));
    proxy.lie(
        path -> path.startsWith("/v1/proofs/inclusion"),
        answer -> {
          ObjectNode json = (ObjectNode) ForgedHistory.read(answer);
          var hashes = json.putArray("hashes");
          tree.inclusionProof(mine, leaves.size()).path().forEach(h -> hashes.add(h.base64()));
          return ForgedHistory.write(answer, json);
        });
    Path bundle = elsewhere.resolve("forged-proof.json");

    CoopRunner.Result made =
        run("proof", String.valueOf(mine), "--out", bundle.toString(), "--node", proxy.url());

    assertFailed(made, ProofBundle.ENTRY_SIGNATURE, "does not verify");
    assertThat(bundle).doesNotExist();
  }

  /** The record with its revenue amount changed, re-encoded canonically; signatures kept. */
  private static byte[] withRevenueAmount(byte[] leaf, long amountMinor) throws Exception {
    LedgerRecord record = LedgerRecord.parseFrom(leaf);
    SignedEntry signed = SignedEntry.parseFrom(record.getSignedEntry());
    EntryBody body = EntryBody.parseFrom(signed.getBody());
    EntryBody altered =
        body.toBuilder()
            .setRecordRevenue(body.getRecordRevenue().toBuilder().setAmountMinor(amountMinor))
            .build();
    return record.toBuilder()
        .setSignedEntry(signed.toBuilder().setBody(altered.toByteString()).build().toByteString())
        .build()
        .toByteArray();
  }

  private CoopRunner.Result revenueThroughProxy(String source) throws Exception {
    Path key = dir.resolve("tess.pem");
    return run(
        "revenue",
        "1.00",
        "EUR",
        "--source",
        source,
        "--key",
        key.toString(),
        "--node",
        proxy.url());
  }

  private void serve(List<byte[]> leaves) {
    new ForgedHistory(leaves, node.origin().orElseThrow(), nodeKey).serveThrough(proxy);
  }

  private CoopRunner.Result audit(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("audit", "--node", proxy.url(), "--page-size", "2"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private CoopRunner.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--trust-dir", trustDir.toString()));
    return CoopRunner.plain().run(all.toArray(String[]::new));
  }

  private static void assertFailed(CoopRunner.Result result, String code, String detail) {
    assertThat(result.exitCode())
        .as(result.out() + result.err())
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(result.err()).contains("VERIFICATION FAILED [" + code + "]").contains(detail);
  }

  private static List<byte[]> leaves() {
    List<byte[]> leaves = new ArrayList<>();
    for (EntryResponse entry : client.entries(0, 5).entries()) {
      leaves.add(entry.leafBytes());
    }
    assertThat(leaves).hasSize(5);
    return leaves;
  }

  private static void submit(byte[] entry) {
    demo.submit(entry);
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
