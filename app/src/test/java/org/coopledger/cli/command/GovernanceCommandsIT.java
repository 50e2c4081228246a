package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopledger.cli.command.FoundedCoop.ok;
import static org.coopledger.cli.command.FoundedCoop.rejected;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.clause.DefaultRulebook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands {@link CommandsIT} does not reach, each run for real against a real node and checked
 * by its exit code and its effect: {@code withdraw}, {@code veto}, {@code propose
 * rulebook|admit|remove|roles}, {@code show rulebook|checkpoint|state|proposals}, and {@code
 * verify-proof} on a tampered bundle. The co-op's rulebook gives auditors a veto on decisions and
 * lets a rulebook change take effect without a timelock, so that every step can run now.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GovernanceCommandsIT {
  private static final String VETO = "veto(role(auditor), 24h)";

  @TempDir static Path dir;
  private static FoundedCoop founded;
  private static CoopRunner coop;

  @BeforeAll
  static void start() {
    founded =
        FoundedCoop.foundWithAuditor(
            dir,
            "reed",
            "Reed Records",
            rulebook(DefaultRulebook.MAJORITY + " & " + VETO, DefaultRulebook.MAJORITY));
    coop = founded.coop;
    ok(coop.run("key", "new", "--out", key("dan"), "--name", "dan"));
  }

  /** The default rulebook with the given decision and rulebook clauses. */
  private static String rulebook(String decision, String rulebookClause) {
    return DefaultRulebook.rulebook()
        .text()
        .replace("decision: " + DefaultRulebook.MAJORITY, "decision: " + decision)
        .replace("rulebook: " + DefaultRulebook.RULEBOOK, "rulebook: " + rulebookClause);
  }

  @AfterAll
  static void stop() {
    founded.close();
  }

  @Test
  @Order(1)
  void showRulebookPrintsTheClausesInForce() {
    String out = ok(coop.run("show", "rulebook")).out();

    assertThat(out).contains("decision: " + DefaultRulebook.MAJORITY + " & " + VETO);
  }

  @Test
  @Order(2)
  void anApprovalIsWithdrawnOnceAndAWithdrawalOfNothingIsRejected() throws IOException {
    String id = proposeDecision("Tour in May");
    ok(coop.run("approve", id, "--key", key("ben")));

    ok(coop.run("withdraw", id, "--key", key("ben")));
    CoopRunner.Result again = coop.run("withdraw", id, "--key", key("ben"));

    rejected(again, "NOT_APPROVED");
    assertThat(proposal(id).path("approvals").size()).isZero();
  }

  @Test
  @Order(3)
  void anAuditorVetoesADecisionOnceAndACreatorCannotVeto() throws IOException {
    String id = proposeDecision("Sell the studio");

    CoopRunner.Result byCreator = coop.run("veto", id, "--key", key("ann"));
    ok(coop.run("veto", id, "--key", key("cat"), "--reason", "we record there"));
    CoopRunner.Result twice = coop.run("veto", id, "--key", key("cat"));

    rejected(byCreator, "NO_VETO_RIGHT");
    rejected(twice, "ALREADY_VETOED");
    assertThat(proposal(id).path("vetoes").size()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void aMemberIsAdmittedGivenNewRolesAndRemovedThroughProposals() throws IOException {
    String admit =
        quiet(
            "propose",
            "admit",
            "--public-key",
            key("dan"),
            "--name",
            "dan",
            "--role",
            "creator",
            "--title",
            "Dan joins",
            "--key",
            key("ann"));
    // ann, ben and cat are a majority no remaining voter can overturn, also once dan is a member.
    founded.carry(admit);
    assertThat(member("dan").path("roles").toString()).contains("creator");

    String roles =
        quiet(
            "propose",
            "roles",
            "--member",
            "dan",
            "--role",
            "treasurer",
            "--title",
            "Dan keeps the books",
            "--key",
            key("ben"));
    founded.carry(roles);
    assertThat(member("dan").path("roles").toString())
        .contains("treasurer")
        .doesNotContain("creator");

    String remove =
        quiet("propose", "remove", "--member", "dan", "--title", "Dan leaves", "--key", key("ann"));
    founded.carry(remove);
    assertThat(member("dan").path("active").asBoolean(true)).isFalse();
  }

  @Test
  @Order(5)
  void aRulebookChangeIsProposedCarriedAndInForce() throws IOException {
    Path file = dir.resolve("rulebook-2.txt");
    Files.writeString(file, rulebook(DefaultRulebook.MAJORITY, DefaultRulebook.MAJORITY));
    String id =
        quiet(
            "propose",
            "rulebook",
            "--file",
            file.toString(),
            "--title",
            "No more vetoes",
            "--key",
            key("ann"));

    founded.carry(id);

    assertThat(ok(coop.run("show", "rulebook")).out())
        .contains("decision: " + DefaultRulebook.MAJORITY)
        .doesNotContain(VETO);
  }

  @Test
  @Order(6)
  void showProposalsStateAndCheckpointDescribeTheLedger() throws IOException {
    JsonNode proposals = Json.MAPPER.readTree(ok(coop.run("show", "proposals", "--json")).out());
    JsonNode state = Json.MAPPER.readTree(ok(coop.run("show", "state", "--json")).out());
    String checkpoint = ok(coop.run("show", "checkpoint")).out();
    String proposalsText = ok(coop.run("show", "proposals")).out();

    assertThat(proposals.toString())
        .contains("Tour in May")
        .contains("Sell the studio")
        .contains("No more vetoes");
    assertThat(proposalsText).contains("Dan joins").contains("executed");
    assertThat(state.path("stateDigest").asText()).matches("[0-9a-f]{64}");
    assertThat(state.path("treeSize").asLong()).isGreaterThan(10);
    // A C2SP checkpoint: origin line, size, base64 root, blank line, signature line(s).
    String[] lines = checkpoint.split("\n");
    assertThat(lines[0]).isEqualTo(founded.node.origin().orElseThrow());
    assertThat(Long.parseLong(lines[1])).isPositive();
    assertThat(checkpoint).contains("\n\n\u2014 ");
  }

  @Test
  @Order(7)
  void aTamperedProofBundleFailsVerificationWithExitCode5() throws IOException {
    Path bundle = dir.resolve("proof.json");
    ok(coop.run("proof", "1", "--out", bundle.toString()));
    ok(coop.run("verify-proof", bundle.toString()));
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(Files.readString(bundle));
    byte[] leaf = Base64.getDecoder().decode(json.get("leaf").asText());
    leaf[leaf.length - 1] ^= 1; // the acceptance time: no member signature covers it
    json.put("leaf", Base64.getEncoder().encodeToString(leaf));
    Path tampered = dir.resolve("tampered.json");
    Files.writeString(tampered, Json.MAPPER.writeValueAsString(json), StandardCharsets.UTF_8);

    CoopRunner.Result result = coop.run("verify-proof", tampered.toString());

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(result.err()).contains("VERIFICATION FAILED [");
  }

  private static String proposeDecision(String title) {
    return quiet("propose", "decision", "--title", title, "--key", key("ann"));
  }

  private static String quiet(String... args) {
    return founded.quiet(args);
  }

  private static JsonNode proposal(String id) throws IOException {
    return Json.MAPPER.readTree(ok(coop.run("show", "proposal", id, "--json")).out());
  }

  private static JsonNode member(String name) throws IOException {
    JsonNode members = Json.MAPPER.readTree(ok(coop.run("show", "members", "--json")).out());
    for (JsonNode m : members.path("members")) {
      if (m.path("name").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no member " + name + " in " + members);
  }

  private static String key(String name) {
    return founded.key(name);
  }
}
