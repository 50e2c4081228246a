package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.output.Json;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A co-op's life through the real commands against a real node, from a genesis drafted and signed
 * offline by encrypted keys to payouts, decisions and key rotation. The steps build on one another,
 * in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandsIT {
  @TempDir static Path dir;
  private static CoopNode node;
  private static CoopRunner coop;

  @BeforeAll
  static void start() {
    node =
        CoopNode.start(
            NodeConfig.defaults().withDataDir(dir.resolve("data")).withPort(0).withCoopId("river"));
    coop =
        CoopRunner.plain()
            .withEnv(
                Map.of(
                    "COOP_NODE", node.uri().toString(),
                    "COOP_PASSPHRASE", "correct horse",
                    "COOP_TRUST_DIR", dir.resolve("trust").toString()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @Order(1)
  void genesisDraftedAndSignedOfflineByEveryFounderFoundsTheCoop() {
    for (String name : new String[] {"ann", "ben", "cat"}) {
      ok(coop.run("key", "new", "--out", key(name), "--name", name));
    }
    String draft = dir.resolve("genesis.json").toString();
    ok(
        coop.run(
            "genesis",
            "--name",
            "River Sound",
            "--coop",
            "river",
            "--founder",
            key("ann") + ":creator,treasurer",
            "--founder",
            key("ben") + ":creator,treasurer",
            "--founder",
            key("cat") + ":treasurer",
            "--split",
            "ann=6000",
            "--split",
            "ben=4000",
            "--out",
            draft));

    CoopRunner.Result early = coop.run("submit", draft);
    for (String name : new String[] {"ann", "ben", "cat"}) {
      ok(coop.run("sign", draft, "--key", key(name)));
    }
    CoopRunner.Result submitted = coop.run("submit", draft);
    // Sent again (a retry after a lost answer): the same entry, not a second one, nor a refusal.
    CoopRunner.Result again = coop.run("submit", draft);

    assertThat(early.exitCode()).as(early.err()).isEqualTo(ExitCode.REJECTED);
    ok(submitted);
    assertThat(submitted.out()).contains("accepted as entry #0");
    assertThat(ok(again).out()).contains("already in the ledger (submitted before) as entry #0");
    assertThat(ok(coop.run("show", "members")).out())
        .contains("ann")
        .contains("ben")
        .contains("cat");
  }

  @Test
  @Order(2)
  void revenueIsSplitAndAPayoutNeedsTwoOtherTreasurers() throws IOException {
    ok(coop.run("revenue", "100.00", "EUR", "--source", "subscription", "--key", key("ann")));
    String payout =
        ok(coop.run(
                "propose",
                "payout",
                "--to",
                "ben",
                "--amount",
                "12.50",
                "--currency",
                "EUR",
                "--title",
                "ben's May share",
                "--key",
                key("ben"),
                "--quiet"))
            .out()
            .strip();

    CoopRunner.Result tooEarly = coop.run("execute", payout.substring(0, 8), "--key", key("ben"));
    ok(coop.run("approve", payout.substring(0, 8), "--key", key("ann")));
    ok(coop.run("approve", payout.substring(0, 8), "--key", key("cat")));
    ok(coop.run("execute", payout.substring(0, 8), "--key", key("ben")));

    assertThat(tooEarly.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(tooEarly.err()).contains("CLAUSE_NOT_MET");
    JsonNode balances = Json.MAPPER.readTree(ok(coop.run("show", "balances", "--json")).out());
    assertThat(balances.path("balances").toString())
        .contains("\"name\":\"ann\",\"currency\":\"EUR\",\"amountMinor\":6000")
        .contains("\"name\":\"ben\",\"currency\":\"EUR\",\"amountMinor\":2750");
  }

  @Test
  @Order(3)
  void decisionDraftedToAFileIsSubmittedAndCarriedByAMajority() {
    String draft = dir.resolve("decision.json").toString();
    String id =
        ok(coop.run(
                "propose",
                "decision",
                "--title",
                "Press the EP on vinyl",
                "--key",
                key("cat"),
                "--out",
                draft,
                "--quiet"))
            .out()
            .strip();
    ok(coop.run("submit", draft));
    ok(coop.run("vote", id, "yes", "--key", key("ann")));
    ok(coop.run("vote", id, "no", "--key", key("ben"), "--reason", "too expensive"));
    ok(coop.run("vote", id, "yes", "--key", key("cat")));
    ok(coop.run("execute", id, "--key", key("cat")));

    assertThat(ok(coop.run("show", "proposal", id)).out()).contains("executed");
  }

  @Test
  @Order(4)
  void rotatedKeyIsDeadAndTheNewOneSigns() {
    ok(coop.run("key", "new", "--out", key("ann2"), "--name", "ann"));
    ok(coop.run("rotate-key", "--new", key("ann2"), "--key", key("ann")));

    CoopRunner.Result withOld =
        coop.run("revenue", "1.00", "EUR", "--source", "workshop", "--key", key("ann"));
    CoopRunner.Result withNew =
        coop.run("revenue", "1.00", "EUR", "--source", "workshop", "--key", key("ann2"));

    assertThat(withOld.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(withOld.err()).contains("KEY_ROTATED");
    ok(withNew);
  }

  @Test
  @Order(5)
  void theWholeHistoryAudits() {
    assertThat(ok(coop.run("audit")).out()).contains("audit passed");
  }

  @Test
  @Order(6)
  void unreachableNodeHasItsOwnExitCode() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    CoopRunner.Result result = coop.run("show", "members", "--node", "http://127.0.0.1:" + closed);

    assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(result.err()).contains("could not reach the node");
  }

  private static CoopRunner.Result ok(CoopRunner.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
    return result;
  }

  private static String key(String name) {
    return dir.resolve(name + ".pem").toString();
  }
}
