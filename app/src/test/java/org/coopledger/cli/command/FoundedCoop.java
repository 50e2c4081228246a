package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;

/**
 * The CLI ITs' co-op: a real node, and three founders who made their keys, drafted, signed and
 * submitted the genesis with the real {@code coop} commands. ann and ben are creators and
 * treasurers; in the money ITs' co-op ({@link #found}) cat is a creator and the default split gives
 * ann 40 %, ben and cat 30 % each.
 */
final class FoundedCoop implements AutoCloseable {
  static final List<String> FOUNDERS = List.of("ann", "ben", "cat");

  final CoopNode node;
  final CoopRunner coop;
  private final Path dir;

  private FoundedCoop(Path dir, CoopNode node, CoopRunner coop) {
    this.dir = dir;
    this.node = node;
    this.coop = coop;
  }

  /**
   * Founds co-op {@code coopId} under the default rulebook followed by {@code clauses} (lines such
   * as {@code "tier: 2 of role(treasurer)"}; none keeps the CLI's default rulebook).
   */
  static FoundedCoop found(Path dir, String coopId, String name, String... clauses) {
    String rulebook =
        clauses.length == 0
            ? null
            : DefaultRulebook.rulebook().text() + String.join("\n", clauses) + "\n";
    return found(
        dir,
        coopId,
        name,
        "creator",
        rulebook,
        List.of("--split", "ann=4000", "--split", "ben=3000", "--split", "cat=3000"));
  }

  /**
   * Founds co-op {@code coopId} under {@code rulebook} (its whole text) with cat as its auditor
   * instead of a creator, and no split given.
   */
  static FoundedCoop foundWithAuditor(Path dir, String coopId, String name, String rulebook) {
    return found(dir, coopId, name, "auditor", rulebook, List.of());
  }

  private static FoundedCoop found(
      Path dir, String coopId, String name, String catRoles, String rulebook, List<String> split) {
    CoopNode node =
        CoopNode.start(
            NodeConfig.defaults().withDataDir(dir.resolve("data")).withPort(0).withCoopId(coopId));
    CoopRunner coop =
        CoopRunner.plain()
            .withEnv(
                Map.of(
                    "COOP_NODE", node.uri().toString(),
                    "COOP_PASSPHRASE", "correct horse",
                    "COOP_TRUST_DIR", dir.resolve("trust").toString()));
    FoundedCoop founded = new FoundedCoop(dir, node, coop);
    for (String founder : FOUNDERS) {
      ok(coop.run("key", "new", "--out", founded.key(founder), "--name", founder));
    }
    String draft = dir.resolve("genesis.json").toString();
    List<String> genesis = new ArrayList<>(List.of("genesis", "--name", name, "--coop", coopId));
    if (rulebook != null) {
      Path file = dir.resolve("rulebook.txt");
      try {
        Files.writeString(file, rulebook);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      genesis.addAll(List.of("--rulebook", file.toString()));
    }
    genesis.addAll(
        List.of(
            "--founder",
            founded.key("ann") + ":creator,treasurer",
            "--founder",
            founded.key("ben") + ":creator,treasurer",
            "--founder",
            founded.key("cat") + ":" + catRoles));
    genesis.addAll(split);
    genesis.addAll(List.of("--out", draft));
    ok(coop.run(genesis.toArray(String[]::new)));
    for (String founder : FOUNDERS) {
      ok(coop.run("sign", draft, "--key", founded.key(founder)));
    }
    ok(coop.run("submit", draft));
    return founded;
  }

  /** The path of {@code name}'s key file. */
  String key(String name) {
    return dir.resolve(name + ".pem").toString();
  }

  /** Runs a command that prints only an id with {@code --quiet}; that id. */
  String quiet(String... args) {
    String[] withQuiet = Arrays.copyOf(args, args.length + 1);
    withQuiet[args.length] = "--quiet";
    return ok(coop.run(withQuiet)).out().strip();
  }

  /** Approves proposal {@code id} by {@code approvers}, votes yes by every founder, executes it. */
  void carry(String id, String... approvers) {
    approve(id, approvers);
    voteYes(id);
    ok(coop.run("execute", id, "--key", key("ben")));
  }

  /** Approves proposal {@code id} by each of {@code approvers}. */
  void approve(String id, String... approvers) {
    for (String approver : approvers) {
      ok(coop.run("approve", id, "--key", key(approver)));
    }
  }

  /** Votes yes on proposal {@code id} by every founder. */
  void voteYes(String id) {
    for (String founder : FOUNDERS) {
      ok(coop.run("vote", id, "yes", "--key", key(founder)));
    }
  }

  /** The EUR balance of an account (a member's name, {@code pool:NAME}, {@code guest:NAME}). */
  long balance(String account) {
    JsonNode all;
    try {
      all = Json.MAPPER.readTree(ok(coop.run("show", "balances", "--json")).out());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (JsonNode b : all.path("balances")) {
      if (b.path("name").asText().equals(account) && b.path("currency").asText().equals("EUR")) {
        return b.path("amountMinor").asLong();
      }
    }
    return 0;
  }

  /** Asserts the node refused the command with error code {@code code}. */
  static void rejected(CoopRunner.Result result, String code) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.REJECTED);
    assertThat(result.err()).contains(code);
  }

  /** {@code result}, after asserting the command succeeded. */
  static CoopRunner.Result ok(CoopRunner.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
    return result;
  }

  @Override
  public void close() {
    node.close();
  }
}
