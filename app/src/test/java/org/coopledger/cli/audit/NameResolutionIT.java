package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's read models are not evidence: a node that answers {@code /v1/members} with bob's name on
 * carol's id would have alice sign a split that pays carol when she typed bob. Once the ledger has
 * been audited, the CLI resolves names and proposal prefixes from what the audit replayed, prints
 * the ids it resolved, and the lie changes nothing; before any audit it says the names came from
 * the node, unchecked.
 */
class NameResolutionIT {
  @TempDir static Path dir;
  private static DemoCoopNode demo;
  private static CoopFixture coop;
  private static String decision;

  @TempDir Path trustDir;
  @TempDir Path drafts;
  private LyingProxy proxy;

  @BeforeAll
  static void startNode() throws Exception {
    demo = DemoCoopNode.start(dir, "Named", 1);
    coop = demo.coop;
    demo.submit(coop.genesis());
    byte[] proposal = coop.propose("alice", "a decision", new Governed.Decision());
    demo.submit(proposal);
    decision = CoopFixture.idOf(proposal).hex();
    Files.writeString(dir.resolve("alice.pem"), coop.key("alice").toPem());
    demo.awaitCheckpointCovering(2);
  }

  @AfterAll
  static void stopNode() {
    demo.close();
  }

  @BeforeEach
  void startLyingProxy() {
    proxy = demo.proxy();
    // bob's name on carol's member id, and no proposals at all.
    String bob = coop.id("bob").hex();
    String carol = coop.id("carol").hex();
    proxy.lie(
        path -> path.startsWith("/v1/members"),
        answer -> {
          JsonNode json = ForgedHistory.read(answer);
          for (JsonNode m : json.isArray() ? json : json.path("members")) {
            String id = m.path("id").asText();
            if (id.equals(bob)) {
              ((ObjectNode) m).put("name", "bob-was-here");
            } else if (id.equals(carol)) {
              ((ObjectNode) m).put("name", "bob");
            }
          }
          return ForgedHistory.write(answer, json);
        });
    proxy.lie(
        path -> path.startsWith("/v1/proposals"),
        answer -> {
          JsonNode json = ForgedHistory.read(answer);
          if (json.isArray()) {
            ((ArrayNode) json).removeAll();
          } else {
            ((ArrayNode) json.path("proposals")).removeAll();
          }
          return ForgedHistory.write(answer, json);
        });
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  @Test
  void afterAnAuditNamesComeFromTheReplayedLedgerNotFromTheNode() throws Exception {
    CoopRunner.Result audited = run("audit", "--node", proxy.url());
    assertThat(audited.exitCode()).as(audited.out() + audited.err()).isEqualTo(ExitCode.OK);

    Path draft = drafts.resolve("split.entry");
    CoopRunner.Result split = proposeSplitTo("bob", draft);

    assertThat(split.exitCode()).as(split.out() + split.err()).isEqualTo(ExitCode.OK);
    assertThat(split.err())
        .contains("member 'bob' is " + coop.id("bob").hex() + " (from your audit of the ledger");
    CreateProposal proposed = (CreateProposal) action(draft);
    assertThat(((Governed.SplitChange) proposed.governed()).shares())
        .extracting(Share::member)
        .containsExactlyInAnyOrder(coop.id("alice"), coop.id("bob"));
  }

  @Test
  void afterAnAuditAProposalPrefixResolvesEvenWhenTheNodeHidesIt() throws Exception {
    assertThat(run("audit", "--node", proxy.url()).exitCode()).isZero();
    Path draft = drafts.resolve("vote.entry");

    CoopRunner.Result vote =
        run(
            "vote",
            decision.substring(0, 8),
            "yes",
            "--key",
            dir.resolve("alice.pem").toString(),
            "--node",
            proxy.url(),
            "--out",
            draft.toString());

    assertThat(vote.exitCode()).as(vote.out() + vote.err()).isEqualTo(ExitCode.OK);
    assertThat(vote.err()).contains("proposal " + decision.substring(0, 8) + " is " + decision);
    assertThat(((CastVote) action(draft)).proposal().hex()).isEqualTo(decision);
  }

  @Test
  void withoutAnAuditTheNodesAnswerIsUsedAndSaidToBeUnchecked() throws Exception {
    Path draft = drafts.resolve("unchecked.entry");

    CoopRunner.Result split = proposeSplitTo("bob", draft);

    assertThat(split.exitCode()).as(split.out() + split.err()).isEqualTo(ExitCode.OK);
    assertThat(split.err())
        .contains(
            "member 'bob' is " + coop.id("carol").hex(),
            "according to the node (unchecked: run `coop audit` first");
  }

  private CoopRunner.Result proposeSplitTo(String other, Path draft) {
    return run(
        "propose",
        "split",
        "--share",
        "alice=5000",
        "--share",
        other + "=5000",
        "--title",
        "halves",
        "--key",
        dir.resolve("alice.pem").toString(),
        "--node",
        proxy.url(),
        "--out",
        draft.toString());
  }

  private static org.coopledger.governance.action.Action action(Path draft) {
    return EntryCodec.decode(SignedEntryFile.read(draft)).entry().action();
  }

  private CoopRunner.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--trust-dir", trustDir.toString()));
    return CoopRunner.plain().run(all.toArray(String[]::new));
  }
}
