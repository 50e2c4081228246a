package org.coopledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.Coop;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.Terminal;
import org.junit.jupiter.api.Test;

/** The launcher's whole command tree, {@code coop node} included, answers {@code --help}. */
class LauncherCommandTreeTest {
  @Test
  void everyCommandOfTheLauncherAnswersHelp() {
    List<List<String>> paths =
        CoopRunner.commandPaths(Coop.tree(CoopRunner.plain().context(), CoopMain.COMMANDS));
    assertThat(paths).contains(List.of("node"), List.of("chain", "dev"));
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          CoopMain.run(
              new CliContext(Map.of(), new PrintWriter(out), new PrintWriter(err), Terminal.none()),
              args.toArray(String[]::new));
      String name = String.join(" ", path);
      assertThat(code).as("coop " + name + " --help: " + err).isZero();
      assertThat(out.toString()).as(name).contains("Usage: coop " + name);
    }
  }

  @Test
  void nodeHelpListsEverySettingWithItsKey() {
    StringWriter out = new StringWriter();
    int code =
        CoopMain.run(
            new CliContext(
                Map.of(),
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                Terminal.none()),
            "node",
            "--help");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("--peer-id", "coop.peer.id", "--write-timeout", "--anchor-rpc", "--config");
  }
}
