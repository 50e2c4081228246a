package org.coopledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coop testnet up --nodes 3 --demo --json} as a user runs it (its own process, which starts
 * three node processes), then {@code coop testnet status}, then Ctrl-C (SIGTERM), which stops every
 * node.
 */
class TestnetIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void upStartsThreeNodesWithTheDemoCoopAndStatusShowsOneTreeAndOneLeader() throws Exception {
    Path net = dir.resolve("net");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Xmx256m"));
    command.add(CoopMain.class.getName());
    command.addAll(
        List.of("testnet", "up", "--nodes", "3", "--dir", net.toString(), "--demo", "--json"));
    Process up =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("up.err").toFile()))
            .start();
    List<Long> pids = new ArrayList<>();
    try {
      JsonNode started = readDocument(up);
      assertThat(started.get("nodes")).hasSize(3);
      String leader = started.get("leader").asText();
      assertThat(leader).startsWith("node-");
      for (JsonNode node : started.get("nodes")) {
        assertThat(node.get("url").asText()).startsWith("http://127.0.0.1:");
        assertThat(node.get("raftAddress").asText()).startsWith("127.0.0.1:");
        assertThat(Files.isDirectory(Path.of(node.get("data").asText()))).isTrue();
        pids.add(node.get("pid").asLong());
      }
      assertThat(Files.exists(net.resolve("keys/alice.pem"))).isTrue();

      JsonNode status = awaitSameTree(net);
      Set<String> roles = new HashSet<>();
      for (JsonNode node : status.get("nodes")) {
        roles.add(node.get("role").asText());
        assertThat(node.get("leader").asText()).isEqualTo(leader);
        // The demo co-op: genesis; the default split, the drop's split and its route (each a
        // proposal, approvals, 3 votes, the execution: 8, 7 and 8 entries); the drop (proposal, 2
        // approvals, execution); 2 revenues.
        assertThat(node.get("treeSize").asLong()).isEqualTo(30);
      }
      assertThat(roles).containsExactlyInAnyOrder("LEADER", "FOLLOWER");
    } finally {
      up.destroy(); // SIGTERM, as Ctrl-C: its shutdown hook stops the nodes
      assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("node process %d stopped", pid)
          .isFalse();
    }
    StringWriter out = new StringWriter();
    int code = status(net, out);
    assertThat(code).isEqualTo(ExitCode.FAILED);
    assertThat(out.toString()).contains("DOWN");
  }

  private static JsonNode readDocument(Process up) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder text = new StringBuilder();
    String line;
    while ((line = reader.readLine()) != null) {
      text.append(line).append('\n');
      if (line.equals("}")) {
        return JSON.readTree(text.toString());
      }
    }
    throw new AssertionError("coop testnet up printed no document: " + text);
  }

  private static JsonNode awaitSameTree(Path net) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      StringWriter out = new StringWriter();
      if (status(net, out, "--json") == ExitCode.OK) {
        JsonNode status = JSON.readTree(out.toString());
        Set<String> trees = new HashSet<>();
        status.get("nodes").forEach(n -> trees.add(n.get("treeSize") + "/" + n.get("rootHash")));
        if (trees.size() == 1) {
          return status;
        }
      }
      last = out.toString();
      Thread.sleep(100);
    }
    throw new AssertionError("the nodes never showed one tree: " + last);
  }

  private static int status(Path net, StringWriter out, String... more) {
    List<String> args = new ArrayList<>(List.of("testnet", "status", "--dir", net.toString()));
    args.addAll(List.of(more));
    PrintWriter writer = new PrintWriter(out, true);
    return CoopMain.run(
        new CliContext(Map.of(), writer, writer, Terminal.none()), args.toArray(String[]::new));
  }
}
